import Foundation
import Testing

/// `deploy promote`: what staging runs, deployed and verified there, reaches the sandbox as the same bytes: each
/// image copied registry to registry with its digest, checked before anything rolls, never rebuilt.
extension EndToEnd.First {
    @Suite struct PromoteFromStagingTests {
        static let promote = [
            "promote", "--from", "tfvars/staging.tfvars", "--var-file", "tfvars/sandbox.tfvars", "--profile", "sandbox",
            "--yes",
        ]

        @Test func stagingsImagesReachTheSandboxByDigestAndACopyThatLandsAnotherImageRollsNothing() throws {
            let sandbox = try Sandbox(services: 2)
            try sandbox.addEnvironment("staging")
            sandbox.selectWorkspace("staging")
            let staged = sandbox.deploy([
                "--var-file", "tfvars/staging.tfvars", "--skip-spas", "--profile", "sandbox", "-y",
            ])
            #expect(staged.status == 0, "\(staged.stderr)")
            sandbox.selectWorkspace("sandbox")
            let head = sandbox.head
            let builds = sandbox.dockerWork.count

            // A registry that stores another manifest under the tag: caught before the apply, both digests named.
            sandbox.fault("skopeo copy-as auth")
            let caught = sandbox.deploy(Self.promote)
            #expect(caught.status == 1)
            #expect(caught.stderr.contains("auth: the registry holds auth:\(head) as sha256:"), "\(caught.stderr)")
            #expect(
                caught.stderr.contains(
                    "as staging runs it (the copy changed the manifest, or the tag was pushed over meanwhile); nothing "
                        + "was applied"))
            #expect(
                sandbox.liveImage("auth").hasSuffix(":seed") && sandbox.liveImage("clinical-api").hasSuffix(":seed"))
            // The tag now holds another image: the next promote refuses it until it is removed.
            let refused = sandbox.deploy(Self.promote)
            #expect(refused.stderr.contains("sandbox's registry holds auth:\(head) as sha256:"), "\(refused.stderr)")
            #expect(refused.stderr.contains("(the tag was pushed over)"))
            _ = sandbox.aws([
                "ecr", "batch-delete-image", "--repository-name", "auth", "--image-ids", "imageTag=\(head)",
            ])
            sandbox.fault()

            let run = sandbox.deploy(Self.promote)

            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("From      staging: its images by digest"), "\(run.stdout)")
            #expect(run.stdout.contains("promoted auth \(head), clinical-api \(head) from staging"))
            let snapshot = sandbox.snapshot()
            for service in sandbox.services {
                #expect(snapshot.image(service) == "\(sandbox.repositoryURL(service)):\(head)", "\(service)")
                let source = snapshot.digests["staging-\(service)"]?[head]
                #expect(source != nil && snapshot.digests[service]?[head] == source, "\(service): the same bytes")
            }
            #expect(sandbox.dockerWork.count == builds, "nothing built or pushed by an engine")
            let copies = sandbox.calls("skopeo").filter { $0[1] == "copy" }
            #expect(copies.allSatisfy { $0.contains("--preserve-digests") })
            let authfiles = sandbox.calls("skopeo").compactMap { call in
                call.firstIndex(of: "--authfile").map { call[$0 + 1] }
            }
            #expect(!authfiles.isEmpty && authfiles.allSatisfy { !FileManager.default.fileExists(atPath: $0) })
            #expect(!(sandbox.calls("skopeo").joined().joined()).contains(sandbox.registryPassword))
            let record = try #require(sandbox.history.last)
            #expect(record["mode"] as? String == "promote" && record["promotedFrom"] as? String == "staging")
            #expect(
                sandbox.deploy(Self.promote).stdout.contains(
                    "nothing to promote: sandbox already runs what staging runs"))
        }
    }
}
