import Foundation
import Testing

@testable import DeployCore

/// The same deploy from a GitHub Actions job: no question ever, the job's own credentials, the job summary, the
/// annotations, the step's outputs, and the run named wherever the lock and the history name who deploys.
@Suite struct CITests {
    static let deploy = ["--var-file", "tfvars/prod.tfvars", "--min-free-gb", "0"]
    static let github: [String: String?] = [
        "GITHUB_ACTIONS": "true", "CI": "true", "GITHUB_REPOSITORY": "org/platform", "GITHUB_WORKFLOW": "deploy",
        "GITHUB_RUN_ID": "4242", "GITHUB_RUN_ATTEMPT": "1", "GITHUB_ACTOR": "alice",
        "GITHUB_SERVER_URL": "https://github.com",
    ]
    static let url = "https://github.com/org/platform/actions/runs/4242"

    /// The GitHub Actions variables, with the summary and outputs files in `folder`.
    static func job(_ folder: TemporaryFolder, _ extra: [String: String?] = [:]) -> [String: String?] {
        let files: [String: String?] = [
            "GITHUB_STEP_SUMMARY": folder.write("summary.md", "").path,
            "GITHUB_OUTPUT": folder.write("outputs", "").path,
        ]
        return github.merging(files) { $1 }.merging(extra) { $1 }
    }

    @Test func withoutYesACIJobIsRefusedAtOnceNamingTheApprovalsPlace() async {
        let platform = ScriptedPlatform()
        let run = await platform.run(Self.deploy, terminal: false, environment: Self.job(platform.folder))

        #expect(run.code == 2)
        #expect(
            run.err.hasPrefix("deploy: error: in CI (GITHUB_ACTIONS=true) nobody can answer the question: pass --yes"))
        #expect(run.err.contains("the job's `environment:` with required reviewers"))
        #expect(run.err.contains("::error title=deploy%3A bad input::in CI (GITHUB_ACTIONS=true)"))
        #expect(platform.commands.isEmpty, "nothing was read, built or asked")
        let outputs = try? String(contentsOf: platform.folder.url.appendingPathComponent("outputs"), encoding: .utf8)
        #expect(outputs == "result=refused\n")
    }

    @Test func aGreenJobWritesTheSummaryTheOutputsAndARecordNamingTheRun() async throws {
        let platform = ScriptedPlatform()
        let run = await platform.run(Self.deploy + ["--yes"], terminal: false, environment: Self.job(platform.folder))

        #expect(run.error == nil, "\(run.err)")
        #expect(
            platform.runner.actions.flatMap(\.commands).allSatisfy { $0.environment["AWS_PROFILE"] == nil },
            "the job's credentials: the default chain, no profile")
        #expect(run.out.contains("Profile none: the default credential chain"))
        let summary = try String(contentsOf: platform.folder.url.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(summary.hasPrefix("## ✅ deploy prod: deployed abc1234\n"))
        #expect(
            summary.contains("| Run | GitHub Actions run 4242 of org/platform, workflow 'deploy', started by alice: "))
        #expect(summary.contains("| auth | <code>0000000</code> → <code>abc1234</code> | full deploy | steady in "))
        #expect(summary.contains("**Terraform plan:** 2 to update"))
        let outputs = try String(contentsOf: platform.folder.url.appendingPathComponent("outputs"), encoding: .utf8)
        #expect(outputs.hasPrefix("sha=abc1234\nenvironment=prod\nresult=deployed\nservices=auth,billing\nhistory="))
        #expect(run.err.contains("::group::build auth: ok in "), "each step's output folded in the log")
        #expect(!run.err.contains("\u{1B}"))
        let record = try #require(platform.history.last)
        #expect(record.by.run?.url == Self.url && record.by.name == "alice@actions#4242")
        let history = await platform.run(["history", "--show", "1"], terminal: false)
        #expect(history.out.contains("run       GitHub Actions run 4242 of org/platform"), "\(history.out)")
    }

    @Test func aFailedRolloutPutsItsDiagnosisInTheSummaryAndAnErrorAnnotation() async throws {
        let platform = ScriptedPlatform()
        platform.model.withLock { $0.rollouts["auth"] = "FAILED" }
        let run = await platform.run(Self.deploy + ["--yes"], terminal: false, environment: Self.job(platform.folder))

        #expect(run.code == 1)
        #expect(
            run.err.contains("::error title=deploy failed::terraform was applied, but the new code is not serving:%0A"))
        let summary = try String(contentsOf: platform.folder.url.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(summary.hasPrefix("## ❌ deploy prod: failed: terraform was applied, but the new code is not serving"))
        #expect(summary.contains("### Why it failed"))
        #expect(summary.contains("#### auth"))
        #expect(summary.contains("- <code>app</code> exited with 1"))
        #expect(summary.contains("database unreachable, exiting with 1"), "the log tail, folded")
        let outputs = try String(contentsOf: platform.folder.url.appendingPathComponent("outputs"), encoding: .utf8)
        #expect(outputs.contains("result=failed\nservices=billing\n"))
    }

    @Test func anotherJobIsRefusedByTheLockNamingTheRunThatHoldsIt() async throws {
        let platform = ScriptedPlatform(shared: true)
        let now = DeployBucket.time(Date())
        let run = CIRun.detect(Self.github.compactMapValues { $0 })
        platform.bucket?.put(
            "deploy/prod/lock.json",
            LockHolder(
                arn: "arn:aws:sts::1:assumed-role/deploy/GitHubActions", user: "runner", host: "fv-az1", pid: 7,
                sha: "1234567", mode: .full, started: now, heartbeat: now, run: run
            ).json)
        var other = Self.job(platform.folder)
        other["GITHUB_RUN_ID"] = "4243"
        let refused = await platform.run(Self.deploy + ["--yes"], terminal: false, environment: other)

        #expect(refused.code == 1)
        #expect(
            refused.err.contains(
                "GitHub Actions run 4242 of org/platform, workflow 'deploy', started by alice: \(Self.url)"))
        #expect(refused.err.contains("::error title=deploy refused::"))
        #expect(platform.dockerWork.isEmpty)
    }

    @Test func aQuietStepIsSaidToBeStillRunning() async {
        let platform = ScriptedPlatform()
        platform.model.withLock { $0.seconds = ["docker build": 1.2] }
        var pace = Pace.quick
        pace.quietAfter = 0.4
        let run = await platform.run(
            Self.deploy + ["--yes", "--services", "auth"], terminal: false, environment: Self.job(platform.folder),
            pace: pace)

        #expect(run.error == nil, "\(run.err)")
        #expect(run.err.contains("==> build deps: still running after 1s"), "\(run.err)")
    }

    @Test func aSessionThatExpiresWhileWatchingIsNamedNotCalledAFailedRollout() async {
        let platform = ScriptedPlatform()
        platform.model.withLock { $0.sessionEndsAfter = " apply " }
        let run = await platform.run(Self.deploy + ["--yes"], terminal: false, environment: Self.job(platform.folder))

        #expect(run.code == 1)
        #expect(run.err.contains("deploy: error: the AWS session expired during the rollout watch ("), "\(run.err)")
        #expect(run.err.contains("that is not a failed rollout"))
        #expect(!run.err.contains("is not serving"))
        #expect(run.err.contains("::error title=deploy%3A AWS session expired::"))
    }
}
