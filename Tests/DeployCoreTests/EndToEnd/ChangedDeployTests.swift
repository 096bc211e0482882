import Foundation
import Testing

/// `--changed` and `deploy status` against a three-service sandbox (auth, clinical-api, patient-api), after a
/// full deploy put a known SHA live everywhere.
extension EndToEnd.First {
    @Suite struct ChangedDeployTests {
        static let changed = ["--changed", "--var-file", "tfvars/sandbox.tfvars", "--profile", "sandbox", "--yes"]

        func deployedSandbox() throws -> Sandbox {
            let sandbox = try Sandbox(services: 3)
            let full = sandbox.deploy(["--var-file", "tfvars/sandbox.tfvars", "--profile", "sandbox", "--yes"])
            #expect(full.status == 0, "\(full.stderr)")
            return sandbox
        }

        @Test func oneServiceChangedRollsExactlyThatService() throws {
            let sandbox = try deployedSandbox()
            let before = sandbox.head
            let nothing = sandbox.deploy(Self.changed)
            #expect(nothing.status == 0)
            #expect(nothing.stdout.contains("nothing to deploy"))

            sandbox.commit("services/slack-agent/src/index.js", "console.log('slack only');\n")
            sandbox.commit("apps/admin-ui/src/main.js", "console.log('ui only');\n")
            let notOurs = sandbox.deploy(Self.changed)
            #expect(notOurs.stdout.contains("0 of 3 service(s) to deploy"))
            #expect(notOurs.stdout.contains("nothing to deploy"))

            sandbox.commit("services/patient-api/src/index.js", "console.log('patient-api v2');\n")
            let state = sandbox.terraformInstances
            let dockerCalls = sandbox.dockerWork.count
            let run = sandbox.deploy(Self.changed)

            #expect(run.status == 0, "\(run.stderr)")
            #expect(
                run.stdout.contains("patient-api") && run.stdout.contains("DEPLOY  services/patient-api/src/index.js"))
            #expect(sandbox.liveImage("patient-api") == "\(sandbox.repositoryURL("patient-api")):\(sandbox.head)")
            let snapshot = sandbox.snapshot()
            for service in sandbox.services where service != "patient-api" {
                #expect(snapshot.image(service).hasSuffix(":\(before)"))
            }
            let after = sandbox.terraformInstances
            for (address, instance) in state where !address.contains("[\"patient-api\"]") {
                #expect(after[address] == instance, "\(address) changed")
            }
            #expect(
                after.filter { $0.key.contains("[\"patient-api\"]") }
                    != state.filter { $0.key.contains("[\"patient-api\"]") })
            #expect(
                sandbox.dockerWork.dropFirst(dockerCalls).filter { $0[1] == "push" }.map { $0[2] } == [
                    "\(sandbox.repositoryURL("patient-api")):\(sandbox.head)"
                ])
            #expect(sandbox.calls("pnpm").count == 2, "only the full deploy built SPAs")

            // A shared package rolls every service (the lockfile and the other build inputs: ChangeDetection's tests).
            sandbox.commit("packages/common/index.js", "// packages/common v2\n")
            let shared = sandbox.deploy(Self.changed)
            #expect(shared.status == 0, "\(shared.stderr)")
            #expect(
                shared.stdout.contains("3 of 3 service(s) to deploy")
                    && shared.stdout.contains("shared: packages/common"))
            for service in sandbox.services { #expect(sandbox.liveImage(service).hasSuffix(":\(sandbox.head)")) }
        }

        @Test func statusNeverSkipsWhatItCannotProveAndChangesNothing() throws {
            let sandbox = try deployedSandbox()
            sandbox.setLiveImage("auth", "\(sandbox.repositoryURL("auth")):latest")
            sandbox.setLiveImage("patient-api", "\(sandbox.repositoryURL("patient-api")):0badc0de")
            sandbox.setLiveImage("clinical-api", "public.ecr.aws/other/clinical-api:1.0")
            let serial = sandbox.terraformSerial
            let dockerCalls = sandbox.dockerWork.count

            let table = sandbox.deploy(["status", "--profile", "sandbox"])
            let json = sandbox.deploy(["status", "--profile", "sandbox", "--output", "json"])

            #expect(table.status == 0 && json.status == 0, "\(table.stderr)")
            let auth = table.stdout.split(separator: "\n").first { $0.hasPrefix("auth ") } ?? ""
            #expect(auth.contains("latest") && auth.contains("DEPLOY  live tag unknown: 'latest' is not a git SHA"))
            #expect(table.stdout.contains("0badc0de is not a commit in this clone"))
            #expect(
                table.stdout.contains("live image is not from its repository: public.ecr.aws/other/clinical-api:1.0"))
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let services = try #require(document["services"] as? [[String: Any]])
            #expect(document["head"] as? String == sandbox.head)
            #expect(services.count == 3)
            #expect(
                Set(services.filter { $0["action"] as? String == "DEPLOY" }.compactMap { $0["service"] as? String })
                    == ["auth", "patient-api", "clinical-api"])
            for service in services where service["action"] as? String == "skip" {
                #expect(service["liveTag"] as? String == sandbox.head)
                #expect(table.stdout.contains("\(service["service"] as! String)"))
            }
            #expect(sandbox.terraformSerial == serial)
            #expect(sandbox.dockerWork.count == dockerCalls)
        }
    }
}
