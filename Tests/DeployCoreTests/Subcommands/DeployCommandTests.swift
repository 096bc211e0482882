import Foundation
import Testing

@testable import DeployCore

/// The orchestration, through a scripted runner: what a deploy reads before it asks, the order of its steps,
/// what a failure or a "no" stops, and what the summary, the closing table and the history say.
@Suite struct DeployCommandTests {
    static let deploy = ["--var-file", "tfvars/prod.tfvars", "--profile", "p", "--yes", "--min-free-gb", "0"]

    /// The phases of the commands run, in order, with repeats collapsed: the shape of a deploy.
    static func phases(_ commands: [String]) -> [String] {
        let named: [(String, String)] = [
            ("git ", "git"), ("terraform -chdir=infra/terraform/aws apply", "apply"),
            ("terraform -chdir=infra/terraform/aws plan", "plan"), ("terraform", "terraform"),
            ("aws sts", "account"), ("aws configure", "account"), ("aws ecr describe-images", "ecr"),
            ("aws s3api head-object", "buckets"), ("aws ecs", "ecs"), ("docker version", "engine"),
            ("docker build", "build"),
            ("aws ecr get-login-password", "login"), ("docker push", "push"), ("pnpm", "spa"),
            ("aws s3 sync", "upload"),
            ("aws cloudfront", "invalidate"), ("aws s3api put-object", "mark"), ("curl", "health"),
        ]
        let phases = commands.map { command in named.first { command.hasPrefix($0.0) }?.1 ?? command }
        return phases.enumerated().filter { $0.offset == 0 || phases[$0.offset - 1] != $0.element }.map(\.element)
    }

    @Test func aFullDeployReadsEverythingFirstThenRunsTheRunbooksOrderAndRecordsIt() async throws {
        let platform = ScriptedPlatform()
        let run = await platform.run(Self.deploy + ["--jobs", "1"])

        #expect(run.error == nil, "\(run.err)")
        let steps = Self.phases(platform.commands).drop { $0 != "plan" }
        #expect(
            Array(steps) == [
                "plan", "terraform", "build", "login", "push", "spa", "upload", "invalidate", "mark", "apply", "ecs",
                "health",
            ],
            "with --yes (and --jobs 1) the plan is the first step; an image pushed here needs no check before the apply"
        )
        #expect(
            Set(Self.phases(platform.commands).prefix { $0 != "plan" })
                == ["engine", "git", "terraform", "account", "ecr", "buckets", "ecs"])
        let plan = try #require(platform.commands.first { $0.contains(" plan ") })
        let file = try #require(plan.split(separator: " ").first { $0.hasPrefix("-out=") }?.dropFirst(5))
        #expect(
            platform.commands.contains { $0.hasSuffix(" apply -input=false -no-color \(file)") },
            "the apply applies that plan")
        #expect(!FileManager.default.fileExists(atPath: String(file)), "the plan file is gone when the deploy ends")
        #expect(platform.live == ["auth": ScriptedPlatform.head, "billing": ScriptedPlatform.head])
        #expect(run.out.contains("Account   123456789012  (arn:aws:iam::123456789012:user/ops)"))
        #expect(
            run.out.contains(
                "Rolls     auth 0000000 → abc1234  ~15–75 s: 15 s of it is the tasks' start\n"
                    + "          billing 0000000 → abc1234  ~15–75 s"))
        #expect(run.out.contains("verify   auth     steady in"))
        #expect(run.out.hasSuffix("deployed abc1234\n"))
        let record = try #require(platform.history.last)
        #expect(record.result == .deployed && record.mode == .full && record.applied && record.by.user == "ops")
        #expect(record.services.map(\.previousTag) == ["0000000", "0000000"])
        #expect(record.services.map(\.rollout) == [.steady, .steady])
        let lock = try Data(contentsOf: platform.gitDirectory.appendingPathComponent("deploy/lock-prod.json"))
        #expect(lock.isEmpty, "the lock is released and names nobody")
        // Without a deploy_bucket output the lock and the history are this clone's.
        #expect(
            run.out.contains("Lock      this clone only (add a deploy_bucket output to share the lock and history)"))
        #expect(await platform.run(["history"]).out.contains(" deployed "))
    }

    @Test func aFailedPushStopsWhatComesAfterItAndTheHistorySaysSo() async throws {
        let platform = ScriptedPlatform()
        platform.model.withLock { $0.failing = ["docker push \(ScriptedPlatform.registry)/billing"] }
        let run = await platform.run(Self.deploy + ["--jobs", "1"])

        #expect(
            run.error
                == .stepFailed(
                    FailedStep(phase: .push, subject: "billing", status: .exited(1), output: ["scripted failure"])))
        #expect(
            platform.commands(of: "aws s3").isEmpty
                && platform.commands(of: "terraform").allSatisfy { !$0.contains(" apply ") })
        #expect(platform.live == ["auth": ScriptedPlatform.parent, "billing": ScriptedPlatform.parent])
        #expect(run.out.contains("FAILED") && run.out.contains("not run           apply"))
        let record = try #require(platform.history.last)
        #expect(record.result == .failed && !record.applied)
        #expect(
            record.error == "step 'push billing' exited with 1; later steps were not run and terraform was not applied")
    }

    @Test func anythingButYStopsBeforeTheFirstBuildAndRecordsNothing() async throws {
        let platform = ScriptedPlatform()
        let run = await platform.run(
            ["--var-file", "tfvars/prod.tfvars", "--profile", "p", "--min-free-gb", "0"], answers: ["n"])

        #expect(run.error == .declined)
        #expect(run.err.contains("Deploy abc1234 to account 123456789012 (eu-west-1)? Type y to continue: "))
        #expect(platform.dockerWork.isEmpty && platform.commands(of: "pnpm").isEmpty)
        #expect(platform.history.isEmpty)
    }

    @Test func aDryRunOnlyReadsAndListsEveryCommand() async throws {
        let platform = ScriptedPlatform()
        let run = await platform.run([
            "--var-file", "tfvars/prod.tfvars", "--profile", "p", "--dry-run", "--output", "json",
        ])

        #expect(run.error == nil, "\(run.err)")
        #expect(
            Set(Self.phases(platform.commands)).isSubset(of: [
                "git", "terraform", "plan", "account", "ecr", "buckets", "ecs",
            ]),
            "a dry run only reads: the plan is read-only")
        #expect(run.err.contains("Plan      2 to replace, 2 to update"))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        #expect(document["result"] as? String == "dry run")
        #expect(
            (document["planned"] as? [String])?.contains { $0.hasPrefix("terraform -chdir=infra/terraform/aws apply") }
                == true)
        #expect(run.err.contains("Dry run: these commands would run"))
        #expect(platform.history.isEmpty)
    }

    @Test func changedWithNothingChangedStopsBeforeTheAccountAndAnyBuild() async throws {
        let platform = ScriptedPlatform(live: ScriptedPlatform.head)
        let run = await platform.run(["--changed"] + Self.deploy)

        #expect(run.error == nil)
        #expect(run.out.contains("HEAD abc1234: 0 of 2 service(s) to deploy"))
        #expect(run.out.contains("nothing to deploy"))
        #expect(platform.commands(of: "aws sts").isEmpty && platform.dockerWork.isEmpty)
    }

    @Test func changedRollsOnlyWhatChangedAndPinsTheRest() async throws {
        let platform = ScriptedPlatform()
        platform.model.withLock { $0.changedPaths = ["services/billing/src/index.js", "apps/admin-ui/x.js"] }
        let run = await platform.run(["--changed"] + Self.deploy)

        #expect(run.error == nil, "\(run.err)")
        #expect(platform.live == ["auth": ScriptedPlatform.parent, "billing": ScriptedPlatform.head])
        let plan = try #require(platform.commands(of: "terraform").first { $0.contains(" plan ") })
        #expect(plan.contains(#"image_tags={"auth":"0000000","billing":"abc1234"}"#))
        #expect(platform.history.last?.mode == .changed)
    }

    @Test func aFailedRolloutIsAFailedDeployRecordedWithEachServicesEnd() async throws {
        let platform = ScriptedPlatform()
        platform.model.withLock { $0.rollouts["auth"] = "FAILED" }
        let run = await platform.run(Self.deploy + ["--output", "json"])

        guard case .verificationFailed(let problems, let next) = run.error else {
            Issue.record("expected a failed verification, got \(String(describing: run.error))")
            return
        }
        #expect(problems.map(\.line) == ["auth: the new deployment FAILED: scripted"])
        #expect(next == "to return to the tags that ran before, run: deploy rollback --var-file tfvars/prod.tfvars")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        #expect(document["result"] as? String == "failed")
        #expect(
            (document["verification"] as? [[String: Any]])?.compactMap { $0["rollout"] as? String } == [
                "failed", "steady",
            ])
        #expect(platform.history.last?.services.map(\.rollout) == [.failed, .steady])
    }

    @Test func rollbackOnFailureReturnsTheFailedServicesAndStillFails() async throws {
        let platform = ScriptedPlatform()
        platform.model.withLock { $0.rollouts["auth@\(ScriptedPlatform.head)"] = "FAILED" }
        let run = await platform.run(Self.deploy + ["--rollback-on-failure", "--output", "json"])

        guard case .rolledBackAfterFailure(.verificationFailed, let services, nil) = run.error else {
            Issue.record("expected a rolled-back failure, got \(String(describing: run.error))")
            return
        }
        #expect(services == "auth to 0000000")
        #expect(run.error?.exitCode == 1)
        #expect(platform.live == ["auth": ScriptedPlatform.parent, "billing": ScriptedPlatform.head])
        #expect(
            platform.dockerWork.filter { $0.contains("build") }.count == 3, "the rollback built nothing")
        #expect(platform.history.map(\.mode) == [.full, .rollback])
        #expect(platform.history.map(\.result) == [.failed, .deployed])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        #expect(document["result"] as? String == "failed")
        let rollback = try #require(document["rollback"] as? [String: Any])
        #expect(rollback["result"] as? String == "deployed")
        #expect((rollback["verification"] as? [[String: Any]])?.compactMap { $0["rollout"] as? String } == ["steady"])
        #expect(
            run.error?.message.hasSuffix("rolled back auth to 0000000 (--rollback-on-failure): see its summary above")
                == true)
        #expect(run.err.contains("--rollback-on-failure: rolling back auth to 0000000"))
    }

    @Test func aRollbackReturnsTheLastDeploysServicesWithoutBuildingAndRefusesATagNotInECR() async throws {
        let platform = ScriptedPlatform()
        #expect(await platform.run(Self.deploy).error == nil)
        let builds = platform.dockerWork.count

        let rollback = ["rollback", "--var-file", "tfvars/prod.tfvars", "--profile", "p", "--yes"]
        let back = await platform.run(rollback)

        #expect(back.error == nil, "\(back.err)")
        #expect(platform.live == ["auth": ScriptedPlatform.parent, "billing": ScriptedPlatform.parent])
        #expect(platform.dockerWork.count == builds)
        #expect(back.out.hasSuffix("rolled back auth to 0000000, billing to 0000000\n"))
        #expect(platform.history.last?.mode == .rollback)

        let missing = await platform.run(rollback + ["--to", "fedcba9"])
        #expect(missing.error?.message.hasPrefix("not rolling back: auth:fedcba9, billing:fedcba9 not in ECR") == true)
        #expect(platform.live == ["auth": ScriptedPlatform.parent, "billing": ScriptedPlatform.parent])
    }
}
