import Foundation
import Testing

/// `deploy rollback`: one command back to what ran before the last deploy, never building, never
/// pointing ECS at a tag the registry does not hold.
extension EndToEnd.First {
    @Suite struct RollbackTests {
        static let deploy = ["--var-file", "tfvars/sandbox.tfvars", "--skip-spas", "--profile", "sandbox", "--yes"]
        static let rollback = ["rollback", "--var-file", "tfvars/sandbox.tfvars", "--profile", "sandbox", "--yes"]

        @Test func deployADeployBThenRollbackShowsAsTagsAgainWithoutABuild() throws {
            let sandbox = try Sandbox(services: 3)
            #expect(sandbox.deploy(Self.deploy).status == 0)
            let a = sandbox.head
            sandbox.commit("services/auth/src/index.js", "console.log('auth v2');\n")
            sandbox.commit("services/patient-api/src/index.js", "console.log('patient v2');\n")
            let b = sandbox.deploy(["--changed"] + Self.deploy.filter { $0 != "--skip-spas" })
            #expect(b.status == 0, "\(b.stderr)")
            #expect(
                sandbox.liveImage("auth").hasSuffix(":\(sandbox.head)")
                    && sandbox.liveImage("patient-api").hasSuffix(":\(sandbox.head)"))
            let dockerCalls = sandbox.dockerWork.count

            let run = sandbox.deploy(Self.rollback)

            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("Rolls     auth \(sandbox.head) → \(a)"))
            #expect(run.stdout.contains("rolled back auth to \(a), patient-api to \(a)"))
            let snapshot = sandbox.snapshot()
            for service in sandbox.services {
                #expect(snapshot.image(service) == "\(sandbox.repositoryURL(service)):\(a)", "\(service)")
            }
            #expect(sandbox.dockerWork.count == dockerCalls, "a rollback builds and pushes nothing")
            #expect(run.stderr.contains("[rollout auth] steady after"))
            let record = try #require(sandbox.history.last)
            #expect(record["mode"] as? String == "rollback" && record["result"] as? String == "deployed")
            #expect(
                sandbox.deploy(["history", "--limit", "1"]).stdout.contains(
                    "auth \(sandbox.head) → \(a), patient-api \(sandbox.head) → \(a)"))
            let again = sandbox.deploy(Self.rollback)
            #expect(again.status == 1 && again.stderr.contains("already rolled back to these tags"), "\(again.stderr)")
        }

    }
}
