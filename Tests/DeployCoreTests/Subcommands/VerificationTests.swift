import Foundation
import Testing

@testable import DeployCore

/// After the apply: a deploy succeeds only when every rolled service is steady and its health URL answers 200.
@Suite struct VerificationTests {
    static let deploy = ["--var-file", "tfvars/prod.tfvars", "--profile", "p", "--yes", "--min-free-gb", "0"]
    static let services = ["auth", "billing", "reporting"]

    @Test func aHealthyRolloutEndsSteadyWithEachServicesTimeAndIsRecorded() async throws {
        let platform = ScriptedPlatform(services: Self.services)
        let run = await platform.run(Self.deploy + ["--skip-spas", "--output", "json"])

        #expect(run.error == nil, "\(run.err)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        let checks = try #require(summary["verification"] as? [[String: Any]])
        #expect(checks.compactMap { $0["service"] as? String } == Self.services)
        for check in checks {
            #expect(check["rollout"] as? String == "steady")
            #expect((check["steadySeconds"] as? Double ?? -1) >= 0)
            #expect((check["checks"] as? [[String: Any]])?.compactMap { $0["status"] as? Int } == [200, 200])
        }
        for service in Self.services {
            #expect(run.err.contains("[rollout \(service)] steady after"))
            let asked = platform.commands(of: "curl")
            #expect(
                asked.contains { $0.hasSuffix("/v1/\(service)/health") }
                    && asked.contains { $0.hasSuffix("/v1/\(service)/docs") })
        }
        let text = await platform.run(["history", "--var-file", "tfvars/prod.tfvars"])
        #expect(
            text.out.split(separator: "\n")[1].split(separator: " ")[1...4] == ["prod", "deployed", "full", "abc1234"],
            "\(text.out)")
        #expect(text.out.contains("auth 0000000 → abc1234"))
        let record = try #require(platform.history.last)
        #expect(record.result == .deployed && record.account == "123456789012")
        #expect(record.by.arn == "arn:aws:iam::123456789012:user/ops")
        #expect(record.steps.contains { $0.step == "apply" })
    }

    @Test func aFailedOrRolledBackDeploymentFailsTheDeployNamingItAndTheOthersAreStillReported() async throws {
        let platform = ScriptedPlatform(services: Self.services)
        platform.model.withLock { $0.rollouts = ["auth": "FAILED", "reporting": "ROLLED_BACK"] }
        let run = await platform.run(Self.deploy + ["--skip-spas"])

        #expect(run.code == 1, "\(run.err)")
        #expect(run.err.contains("terraform was applied, but the new code is not serving"))
        #expect(run.err.contains("  - auth: the new deployment FAILED: scripted"))
        #expect(run.err.contains("  - reporting: rolled back: ECS made prod-reporting-0000000:1 primary again"))
        #expect(run.err.contains("deploy rollback --var-file tfvars/prod.tfvars"))
        #expect(run.out.contains("verify   billing    steady in"))
        #expect(
            !platform.commands(of: "curl").contains { $0.contains("/v1/auth/health") },
            "a failed rollout is not asked for its health")
        let record = try #require(platform.history.last)
        #expect(record.result == .failed)
        #expect(record.error?.contains("auth: the new deployment FAILED") == true)
        #expect(record.services.map(\.rollout) == [.failed, .steady, .failed])
        let line = (await platform.run(["history"])).out.split(separator: "\n")[1].split(separator: " ")
        #expect(line[1...3] == ["prod", "failed", "full"], "\(line)")
    }

    @Test func aStuckRolloutFailsAfterTheWaitTimeoutAndNoVerifyDoesNotWait() async {
        let platform = ScriptedPlatform(services: Self.services)
        platform.model.withLock { $0.rollouts = ["billing": "IN_PROGRESS"] }
        let started = Date()
        let run = await platform.run(Self.deploy + ["--services", "auth,billing", "--wait-timeout", "1s"])

        #expect(run.code == 1, "\(run.err)")
        #expect(Date().timeIntervalSince(started) >= 1)
        #expect(
            run.err.contains(
                "  - billing: not steady after 1s (--wait-timeout): 0/1 tasks of prod-billing-abc1234:2, old "
                    + "deployment(s) still running 1 task(s); read the ECS service's events"), "\(run.err)")
        #expect(run.out.contains("verify   auth     steady in"))

        let unverified = await platform.run(Self.deploy + ["--services", "reporting", "--no-verify"])
        #expect(unverified.error == nil, "\(unverified.err)")
        #expect(unverified.out.contains("Verify    not verified (--no-verify)"))
        #expect(!unverified.err.contains("[rollout"))
        #expect(platform.live["reporting"] == ScriptedPlatform.head)
    }

    @Test func aHealthEndpointAnswering500FailsTheDeployNamingTheURL() async {
        let platform = ScriptedPlatform(services: Self.services)
        platform.model.withLock { $0.health = ["billing": 500] }
        let run = await platform.run(Self.deploy + ["--services", "billing"])

        #expect(run.code == 1, "\(run.err)")
        #expect(run.err.contains("  - billing: GET https://api.example.com/v1/billing/health answered 500 (5 tries)"))
        #expect(platform.commands(of: "curl").filter { $0.hasSuffix("/v1/billing/health") }.count == 5)
        #expect(platform.history.last?.result == .failed)
    }

    @Test func eachImagesDigestIsKnownShownAndComparedWithWhatItsTasksRun() async throws {
        let platform = ScriptedPlatform(services: Self.services)
        platform.model.withLock { _ = $0.tags["billing", default: []].insert(ScriptedPlatform.head) }
        let run = await platform.run(Self.deploy + ["--skip-spas", "--output", "json"])

        #expect(run.error == nil, "\(run.err)")
        let digests = Dictionary(
            uniqueKeysWithValues: Self.services.map { ($0, ScriptedPlatform.digest($0, ScriptedPlatform.head)) })
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        let images = try #require(summary["images"] as? [[String: Any]])
        #expect(
            images.map { ($0["service"] as? String ?? "", $0["digest"] as? String ?? "") }.sorted { $0.0 < $1.0 }
                .map(\.1) == Self.services.map { digests[$0]! },
            "pushed ones as the push said, billing's (already in ECR) as ECR said")
        #expect(platform.history.last?.services.map(\.digest) == Self.services.map { digests[$0] })
        #expect(
            platform.commands(of: "aws ecs list-tasks").filter { $0.contains("RUNNING") }.count == 1
                && platform.commands(of: "aws ecs describe-tasks").count == 1,
            "the steady services' running tasks are read at once")
        let table = await ScriptedPlatform(services: Self.services).run(
            Self.deploy + ["--skip-spas", "--services", "auth"])
        #expect(table.out.contains("verify   auth  steady in"))
        #expect(table.out.contains("runs \(ImageDigest.short(digests["auth"]!))"), "\(table.out)")
    }

    @Test func tasksRunningAnotherImageUnderTheTagFailTheVerificationNamingBothDigests() async throws {
        let platform = ScriptedPlatform(services: Self.services)
        platform.model.withLock { $0.overwritten = ["auth"] }
        let run = await platform.run(Self.deploy + ["--skip-spas"])

        #expect(run.code == 1, "\(run.err)")
        let pushed = ScriptedPlatform.digest("auth", ScriptedPlatform.head)
        let runs = ScriptedPlatform.digest("auth", ScriptedPlatform.head + "-pushed-over")
        #expect(run.err.contains("  - auth: 1 of 1 task(s) run auth:abc1234 as \(runs), not \(pushed)"), "\(run.err)")
        #expect(run.err.contains("another image was pushed under the same tag"))
        #expect(run.out.contains("verify   billing    steady in"))
        let record = try #require(platform.history.last)
        #expect(record.result == .failed && record.services.map(\.rollout) == [.failed, .steady, .steady])
    }
}
