import Foundation
import Testing

/// A rollout whose new tasks crash: why is said (ECS's events, the stopped tasks, their last log lines) and kept,
/// the rollout is failed after three failed tasks rather than at ECS's circuit breaker, and --rollback-on-failure
/// returns the failed services at once. The sandbox's layer fails one task a second; its breaker trips at six.
extension EndToEnd.Second {
    @Suite struct RolloutDiagnosisTests {
        static let deploy = ["--var-file", "tfvars/sandbox.tfvars", "--profile", "sandbox", "--skip-spas", "--yes"]
        static let breakerSeconds = 6.0

        @Test func aFailedRolloutSaysWhyInTheOutputTheJSONAndTheHistory() throws {
            let sandbox = try Sandbox(services: 3)
            sandbox.fault("rollout auth crashing 1 6")

            let run = sandbox.deploy(Self.deploy + ["--fail-after", "0", "--output", "json"])

            #expect(run.status == 1)
            for said in [
                "(service sandbox-auth) has started 1 tasks", "stopped at", "EssentialContainerExited",
                "app: exited with 1", "| Error: connect ECONNREFUSED 10.0.3.7:5432",
            ] {
                #expect(run.stderr.contains(said), "\(said)")
            }
            let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            let auth = try #require(
                (document["verification"] as? [[String: Any]])?.first { $0["service"] as? String == "auth" })
            #expect(auth["rollout"] as? String == "failed")
            #expect(
                (auth["seconds"] as? Double ?? 0) >= Self.breakerSeconds, "with --fail-after 0, ECS's breaker decides")
            #expect((auth["problem"] as? String)?.contains("ECS deployment circuit breaker") == true)
            let diagnosis = try #require(auth["diagnosis"] as? [String: Any])
            let task = try #require((diagnosis["tasks"] as? [[String: Any]])?.first)
            let container = try #require((task["containers"] as? [[String: Any]])?.first)
            #expect(task["stopCode"] as? String == "EssentialContainerExited")
            #expect(task["stoppedReason"] as? String == "Essential container in task exited")
            #expect(container["exitCode"] as? Int == 1)
            #expect((container["logs"] as? [String])?.contains("database unreachable, exiting with 1") == true)
            #expect(((diagnosis["events"] as? [String]) ?? []).count >= 3)

            // Kept in the history: it outlives ECS's purge of stopped tasks.
            let shown = sandbox.deploy([
                "history", "--show", "1", "--var-file", "tfvars/sandbox.tfvars", "--profile", "sandbox",
            ])
            #expect(shown.status == 0, "\(shown.stderr)")
            #expect(shown.stdout.contains("why auth did not roll:"))
            #expect(shown.stdout.contains("| Error: connect ECONNREFUSED 10.0.3.7:5432"))
            let record = sandbox.deploy([
                "history", "--show", "1", "--var-file", "tfvars/sandbox.tfvars", "--profile", "sandbox", "--output",
                "json",
            ])
            let kept = try #require(try JSONSerialization.jsonObject(with: Data(record.stdout.utf8)) as? [String: Any])
            let services = (kept["services"] as? [[String: Any]]) ?? []
            #expect(services.first { $0["service"] as? String == "auth" }?["diagnosis"] != nil)
        }

        @Test func threeFailedTasksFailItBeforeTheBreakerAndRollbackOnFailureReturnsIt() throws {
            let sandbox = try Sandbox(services: 3)
            let head = sandbox.head
            sandbox.fault("rollout auth crashing 1 10 only \(head)")

            let run = sandbox.deploy(Self.deploy + ["--rollback-on-failure", "--output", "json"])

            #expect(run.status == 1, "\(run.stderr)")
            let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            let auth = try #require(
                (document["verification"] as? [[String: Any]])?.first { $0["service"] as? String == "auth" })
            #expect((auth["seconds"] as? Double ?? .infinity) < Self.breakerSeconds, "failed before ECS's breaker")
            #expect((auth["problem"] as? String)?.contains("(--fail-after 3)") == true)
            let rollback = try #require(document["rollback"] as? [String: Any])
            #expect(rollback["result"] as? String == "deployed")
            #expect(run.stderr.contains("rolled back auth to seed (--rollback-on-failure)"))

            let snapshot = sandbox.snapshot()
            #expect(snapshot.image("auth").hasSuffix(":seed"), "auth runs what it ran before")
            #expect(
                snapshot.image("clinical-api").hasSuffix(":\(head)")
                    && snapshot.image("patient-api").hasSuffix(":\(head)"))
            #expect(
                sandbox.dockerWork.count == 1 + 3 + 1 + 3,
                "the deploy's builds, login and pushes; the rollback's none")
            let history = sandbox.sharedKeys.filter { $0.contains("/history/") }.compactMap(sandbox.sharedObject)
            #expect(Set(history.compactMap { $0["mode"] as? String }) == ["full", "rollback"])
            #expect(
                !sandbox.calls("aws").contains {
                    $0.starts(with: ["ecs", "list-tasks"]) && $0.contains("STOPPED") && !$0.contains("sandbox-auth")
                },
                "the healthy services' stopped tasks were never read")
        }

        /// A verdict does not depend on how the terminal is driven: with every stream a pseudo-terminal (the board
        /// drawn), two crashing services are judged and diagnosed as without one, read through the rollout layer.
        @Test func onATerminalTwoCrashingServicesAreJudgedAndDiagnosedTheSame() throws {
            let sandbox = try Sandbox(services: 2)
            sandbox.fault("rollout auth crashing 1 10", "rollout clinical-api crashing 1 10")

            let shown = sandbox.deployOnScreen(Self.deploy, columns: 250, rows: 60)

            #expect(shown.status == 1)
            let text = shown.all.joined(separator: "\n")
            for service in ["auth", "clinical-api"] {
                #expect(text.contains("why \(service) did not roll") || text.contains("  - \(service): "), "\(text)")
            }
            #expect(
                text.components(separatedBy: "EssentialContainerExited").count >= 3, "both stopped reasons: \(text)")
            #expect(text.contains("app: exited with 1") && text.contains("| Error: connect ECONNREFUSED 10.0.3.7:5432"))
            #expect(!text.contains("no deployment runs the new image"))
            #expect(
                sandbox.calls("aws").contains { $0.starts(with: ["ecs", "list-tasks"]) },
                "deploy's calls went through the sandbox's rollout layer")
        }
    }
}
