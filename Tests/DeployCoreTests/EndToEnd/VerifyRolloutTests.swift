import Foundation
import Testing

/// After the apply, deploy waits for ECS and the health endpoints. moto does not model rollouts, so the
/// sandbox's rollout layer (an `aws` in front of the real CLI) plays them, and its health server answers
/// /v1/<service>/health and /docs; faults make either misbehave.
extension EndToEnd.Second {
    @Suite struct VerifyRolloutTests {
        static let deploy = ["--var-file", "tfvars/sandbox.tfvars", "--skip-spas", "--profile", "sandbox", "--yes"]

        @Test func ctrlCWhileWatchingStopsAtOnceAndTheDeployIsStillRecorded() throws {
            let sandbox = try Sandbox(services: 2)
            sandbox.fault("rollout auth slow 600")
            let seen = sandbox.folder.url.appendingPathComponent("log/rollouts.jsonl").path
            let run = Shell.run(
                [
                    "python3", Sandbox.packageRoot.appendingPathComponent("sandbox/interrupt.py").path, "SIGINT", seen,
                    "sandbox-auth:2",
                    "--", Sandbox.deployBinary,
                ] + Self.deploy, environment: sandbox.environment, directory: sandbox.platform)

            #expect(run.stdout.hasPrefix("exit=130 "), "\(run.stdout) \(run.stderr)")
            let seconds =
                Double(run.stdout.split(separator: "=").last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "")
                ?? 99
            #expect(seconds < 3)
            let record = try #require(sandbox.history.last)
            #expect(record["result"] as? String == "interrupted")
            #expect(record["stoppedIn"] as? String == "the rollout watch")
            #expect((record["services"] as? [[String: Any]])?.count == 2)
            #expect(sandbox.liveImage("auth").hasSuffix(":\(sandbox.head)"), "the apply had gone through")
            #expect(!sandbox.sharedKeys.contains("deploy/sandbox/lock.json"), "the team's lock was let go")
            let shared = sandbox.sharedKeys.filter { $0.contains("/history/") }.compactMap(sandbox.sharedObject)
            #expect(shared.map { $0["result"] as? String } == ["interrupted"], "the team's record says so too")

            // At the question, on a terminal: the lock taken for it is let go, and nothing was built.
            let builds = sandbox.dockerWork.count
            let asked = sandbox.deployOnTerminal(
                ["--var-file", "tfvars/sandbox.tfvars", "--skip-spas", "--profile", "sandbox", "--force-rebuild"],
                signalling: [("Type y to continue", "SIGINT")])
            #expect(asked.status == 130, "\(asked.stderr)")
            #expect(!sandbox.sharedKeys.contains("deploy/sandbox/lock.json"), "the team's lock was let go")
            #expect(sandbox.dockerWork.count == builds)
        }

    }
}
