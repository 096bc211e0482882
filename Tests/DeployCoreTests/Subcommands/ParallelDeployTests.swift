import Foundation
import Testing

@testable import DeployCore

/// Independent work at once, within its bounds, and in the runbook's order where it matters: no invalidation
/// before the last push; a re-run of the same build redoes nothing.
@Suite struct ParallelDeployTests {
    static let nine = DeployMainTests.nine
    static let deploy = ["--var-file", "tfvars/prod.tfvars", "--profile", "p", "--yes", "--min-free-gb", "0"]

    @Test func buildsRunAtOnceWithinTheirBoundAndEveryPushEndsBeforeAnyInvalidation() async throws {
        let platform = ScriptedPlatform(services: Self.nine)
        platform.model.withLock { $0.seconds = ["docker build -f": 0.3, "docker push": 0.1] }
        let run = await platform.run(Self.deploy + ["--jobs", "3"])
        #expect(run.error == nil, "\(run.err)")

        let calls = platform.runner.timed
        let builds = calls.filter { $0.action.rendered.contains("SERVICE=") }
        let overlap = builds.map { build in builds.filter { $0.start <= build.start && build.start < $0.end }.count }
        #expect(builds.count == 9)
        #expect(overlap.max() == 3, "never more than --jobs builds at once, and as many as allowed")
        let lastPush = calls.filter { $0.action.rendered.hasPrefix("docker push") }.map(\.end).max() ?? .distantFuture
        let invalidations = calls.filter { $0.action.rendered.hasPrefix("aws cloudfront create-invalidation") }
        #expect(invalidations.count == 2)
        #expect(invalidations.allSatisfy { $0.start >= lastPush }, "the invalidations came after the last push")
        #expect(platform.live["auth"] == ScriptedPlatform.head)

        let (dockerCalls, spaBuilds) = (platform.dockerWork.count, platform.commands(of: "pnpm").count)
        let again = await platform.run(Self.deploy + ["--output", "json"])
        #expect(again.error == nil, "\(again.err)")
        #expect(platform.dockerWork.count == dockerCalls, "every image already in ECR: no build, no push")
        #expect(platform.commands(of: "pnpm").count == spaBuilds, "every bucket holds this build: no SPA build")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(again.out.utf8)) as? [String: Any])
        #expect(summary["result"] as? String == "deployed")
        #expect(
            ((summary["steps"] as? [[String: Any]]) ?? []).compactMap { $0["phase"] as? String } == ["plan"],
            "nothing to build, upload or apply: only the plan ran, and found no changes")
    }

    @Test func aRemoteBuilderBuildsAndPushesWithASharedCache() async throws {
        let platform = ScriptedPlatform(services: ["auth", "billing", "reporting"])
        let cache = "\(ScriptedPlatform.registry)/build-cache"
        platform.folder.write("platform/deploy.json", #"{"buildCache": "\#(cache)"}"#)
        let run = await platform.run(Self.deploy + ["--skip-spas", "--builder", "k8s-builder"])
        #expect(run.error == nil, "\(run.err)")
        let calls = platform.dockerWork + platform.commands(of: "aws").filter { $0.contains("get-login") }
        #expect(
            platform.runner.actions.first { $0.rendered.contains("docker") }?.rendered.contains("docker login") == true)
        #expect(!calls.contains { $0.hasPrefix("docker push ") || $0.hasPrefix("docker build ") })
        let auth = try #require(platform.runner.actions.first { $0.rendered.contains("SERVICE=auth") })
        #expect(
            auth.commands[0].argv == [
                "docker", "buildx", "build", "--builder", "k8s-builder", "-f", "infra/docker/service.Dockerfile",
                "--build-arg", "SERVICE=auth", "--build-arg", "PUPPETEER_SKIP_DOWNLOAD=true",
                "--cache-from", "type=registry,ref=\(cache):deps", "--cache-from", "type=registry,ref=\(cache):auth",
                "--cache-to", "type=registry,ref=\(cache):auth,mode=max",
                "-t", "\(ScriptedPlatform.registry)/auth:abc1234", "--push", ".",
            ])
    }
}
