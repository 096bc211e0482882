import Foundation
import Testing

/// After the apply, deploy waits for ECS and the health endpoints. moto does not model rollouts, so the
/// sandbox's rollout layer (an `aws` in front of the real CLI) plays them, and its health server answers
/// /v1/<service>/health and /docs; faults make either misbehave.
extension EndToEnd.Second {
    @Suite struct VerifyRolloutTests {
        static let deploy = ["--var-file", "tfvars/sandbox.tfvars", "--skip-spas", "--profile", "sandbox", "--yes"]

        @Test func aHealthyRolloutEndsSteadyWithEachServicesTimeAndIsRecorded() throws {
            let sandbox = try Sandbox(services: 3)
            let run = sandbox.deploy(Self.deploy + ["--output", "json"])

            #expect(run.status == 0, "\(run.stderr)")
            let summary = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            let checks = try #require(summary["verification"] as? [[String: Any]])
            #expect(checks.compactMap { $0["service"] as? String } == sandbox.services)
            for check in checks {
                #expect(check["rollout"] as? String == "steady")
                #expect((check["steadySeconds"] as? Double ?? -1) >= 0)
                #expect((check["checks"] as? [[String: Any]])?.compactMap { $0["status"] as? Int } == [200, 200])
            }
            for service in sandbox.services {
                #expect(run.stderr.contains("[rollout \(service)] steady after"))
                #expect(
                    sandbox.healthRequests.contains("/v1/\(service)/health")
                        && sandbox.healthRequests.contains("/v1/\(service)/docs"))
            }
            let text = sandbox.deploy(["history", "--var-file", "tfvars/sandbox.tfvars"])
            #expect(
                text.stdout.split(separator: "\n")[1].split(separator: " ")[1...4] == [
                    "sandbox", "deployed", "full", Substring(sandbox.head),
                ], "\(text.stdout)")
            #expect(text.stdout.contains("auth seed → \(sandbox.head)"))
            let record = try #require(sandbox.history.last)
            #expect(record["result"] as? String == "deployed" && record["account"] as? String == "123456789012")
            #expect((record["operator"] as? [String: Any])?["arn"] as? String == "arn:aws:sts::123456789012:user/moto")
            #expect((record["steps"] as? [[String: Any]])?.contains { $0["step"] as? String == "apply" } == true)
        }

        @Test func aFailedOrRolledBackDeploymentFailsTheDeployNamingItAndTheOthersAreStillReported() throws {
            let sandbox = try Sandbox(services: 3)
            sandbox.fault("rollout auth failed", "rollout patient-api rolled-back")
            let run = sandbox.deploy(Self.deploy)

            #expect(run.status == 1, "\(run.stderr)")
            #expect(run.stderr.contains("terraform was applied, but the new code is not serving"))
            #expect(
                run.stderr.contains(
                    "  - auth: the new deployment FAILED: ECS deployment circuit breaker: tasks failed to start."))
            #expect(run.stderr.contains("  - patient-api: rolled back: ECS made sandbox-patient-api:1 primary again"))
            #expect(run.stderr.contains("deploy rollback --var-file tfvars/sandbox.tfvars"))
            #expect(run.stdout.contains("verify   clinical-api  steady in"))
            #expect(!sandbox.healthRequests.contains("/v1/auth/health"), "a failed rollout is not asked for its health")
            let record = try #require(sandbox.history.last)
            #expect(record["result"] as? String == "failed")
            #expect((record["error"] as? String)?.contains("auth: the new deployment FAILED") == true)
            let rollouts = (record["services"] as? [[String: Any]])?.compactMap { $0["rollout"] as? String }
            #expect(rollouts == ["failed", "steady", "failed"])
            let line = sandbox.deploy(["history"]).stdout.split(separator: "\n")[1].split(separator: " ")
            #expect(line[1...3] == ["sandbox", "failed", "full"], "\(line)")
        }

        @Test func aStuckRolloutFailsAfterTheWaitTimeoutAndNoVerifyDoesNotWait() throws {
            let sandbox = try Sandbox(services: 3)
            sandbox.fault("rollout clinical-api stuck")
            let started = Date()
            let run = sandbox.deploy(Self.deploy + ["--services", "auth,clinical-api", "--wait-timeout", "3s"])

            #expect(run.status == 1, "\(run.stderr)")
            #expect(Date().timeIntervalSince(started) >= 3)
            #expect(
                run.stderr.contains(
                    "  - clinical-api: not steady after 3s (--wait-timeout): 0/1 tasks of sandbox-clinical-api:2, "
                        + "old deployment(s) still running 1 task(s); read the ECS service's events"
                ))
            #expect(run.stdout.contains("verify   auth          steady in"))

            sandbox.commit("services/clinical-api/src/index.js", "console.log('v2');\n")
            let unverified = sandbox.deploy(Self.deploy + ["--services", "clinical-api", "--no-verify"])
            #expect(unverified.status == 0, "\(unverified.stderr)")
            #expect(unverified.stdout.contains("Verify    not verified (--no-verify)"))
            #expect(!unverified.stderr.contains("[rollout"))
            #expect(sandbox.liveImage("clinical-api").hasSuffix(":\(sandbox.head)"))
        }

        @Test func ctrlCWhileWatchingStopsAtOnceAndTheDeployIsStillRecorded() throws {
            let sandbox = try Sandbox(services: 3)
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
            #expect((record["services"] as? [[String: Any]])?.count == 3)
            #expect(sandbox.liveImage("auth").hasSuffix(":\(sandbox.head)"), "the apply had gone through")
        }

        @Test func aHealthEndpointAnswering500FailsTheDeployNamingTheURL() throws {
            let sandbox = try Sandbox(services: 3)
            sandbox.fault("health patient-api 500")
            let run = sandbox.deploy(Self.deploy + ["--services", "patient-api"])

            #expect(run.status == 1, "\(run.stderr)")
            let url = try #require(
                run.stderr.split(separator: "\n").first { $0.contains("  - patient-api: GET http://127.0.0.1:") })
            #expect(url.hasSuffix("/v1/patient-api/health answered 500 (5 tries)"))
            #expect(sandbox.healthRequests.filter { $0 == "/v1/patient-api/health" }.count == 5)
            #expect(sandbox.history.last?["result"] as? String == "failed")
        }
    }
}
