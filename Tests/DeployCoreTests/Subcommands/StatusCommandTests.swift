import Foundation
import Testing

@testable import DeployCore

/// `deploy status` tells the whole story in one screen: the lock, the last deploy, the checkout, and per service
/// what runs, whether it answers and what `--changed` would do.
@Suite struct StatusCommandTests {
    static let deploy = ["--var-file", "tfvars/prod.tfvars", "--profile", "p", "--yes", "--min-free-gb", "0"]
    static let status = ["status", "--var-file", "tfvars/prod.tfvars", "--profile", "p"]

    @Test func afterAVerifiedDeployEverythingIsQuietAndEachServiceAnswers() async throws {
        let platform = ScriptedPlatform(shared: true)
        #expect(await platform.run(Self.deploy).error == nil)
        let run = await platform.run(Self.status)
        #expect(run.error == nil, "\(run.err)")
        let lines = run.out.split(separator: "\n").map(String.init)
        #expect(lines[0] == "HEAD abc1234: 0 of 2 service(s) to deploy")
        #expect(lines[1] == "Lock      free (s3://team-deploy/deploy/prod/lock.json)")
        #expect(lines[2].hasPrefix("Last      deployed abc1234 (full) by ops@") && lines[2].hasSuffix(", verified"))
        #expect(lines[3] == "Checkout  no uncommitted changes to tracked files")
        #expect(lines[4].hasPrefix("SERVICE  LIVE     HEALTH  BEHIND  ACTION  WHY"))
        #expect(lines[5].hasPrefix("auth     abc1234  200     0       skip    live is HEAD"))
    }

    @Test func aHeldLockAFailedDeployUncommittedFilesAndAFailingServiceAreEachSaid() async throws {
        let platform = ScriptedPlatform(shared: true)
        platform.model.withLock { $0.failing = ["docker push \(ScriptedPlatform.registry)/billing"] }
        #expect(await platform.run(Self.deploy).error != nil)
        let now = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-12))
        platform.bucket?.put(
            "deploy/prod/lock.json",
            LockHolder(
                arn: "arn:aws:sts::1:user/ops-c", user: "ops-c\u{1B}[2J", host: "laptop-c", pid: 42, sha: "1234567",
                mode: .full, started: now, heartbeat: now
            ).json)
        platform.model.withLock {
            $0.failing = []
            $0.uncommitted = ["services/auth/src/index.js"]
            $0.health = ["billing": 503]
        }
        let run = await platform.run(Self.status)
        #expect(run.error == nil, "\(run.err)")
        #expect(run.out.contains("Lock      held by ops-c^[[2J on laptop-c (pid 42, arn:aws:sts::1:user/ops-c)"))
        #expect(run.out.contains(", heartbeat 1") && run.out.contains("s ago (s3://team-deploy/deploy/prod/lock.json)"))
        #expect(
            run.out.contains(
                "Last      FAILED abc1234 (full) by ops@\(ProcessInfo.processInfo.hostName) at ")
                && run.out.contains(": step 'push billing' exited with 1; later steps were not run"))
        #expect(
            run.out.contains(
                "Checkout  1 uncommitted change(s) to tracked files, part of no deploy: services/auth/src/index.js"))
        #expect(run.out.contains("billing  0000000  503     1       skip"))

        let json = await platform.run(Self.status + ["--output", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        #expect(document["lockHeld"] as? Bool == true)
        #expect((document["lastSays"] as? String)?.hasPrefix("FAILED abc1234") == true)
        #expect((document["services"] as? [[String: Any]])?.compactMap { $0["health"] as? String } == ["200", "503"])
        #expect(document["uncommitted"] as? [String] == ["services/auth/src/index.js"])
    }

    static func record(_ result: DeployResult, applied: Bool = true, rollout: RolloutResult? = .steady) -> HistoryRecord
    {
        HistoryRecord(
            time: "2026-11-29T10:00:00Z", by: .init(arn: "a", user: "ops", host: "vm"), workspace: "prod",
            account: "1", region: "r", head: "abc1234", mode: .full, applied: applied,
            services: [.init(service: "auth", tag: "abc1234", previousTag: nil, rollout: rollout, steadySeconds: nil)],
            spas: [], steps: [], result: result, error: "step 'push auth' exited with 1\nmore", seconds: 3)
    }

    @Test(arguments: [
        (record(.deployed), "deployed abc1234 (full) by ops@vm at 2026-11-29T10:00:00Z, verified"),
        (
            record(.deployed, rollout: nil),
            "deployed abc1234 (full) by ops@vm at 2026-11-29T10:00:00Z, unverified: its rollout was not watched (--no-verify)"
        ),
        (record(.deployed, applied: false), "pushed abc1234 (full) by ops@vm at 2026-11-29T10:00:00Z: nothing rolled"),
        (record(.failed), "FAILED abc1234 (full) by ops@vm at 2026-11-29T10:00:00Z: step 'push auth' exited with 1"),
        (record(.started), "running now: abc1234 (full) by ops@vm at 2026-11-29T10:00:00Z"),
    ])
    func theLastDeployInOneLine(record: HistoryRecord, line: String) {
        #expect(LastDeploy.line(record) == line)
    }

    @Test func anInterruptedOrUnfinishedDeploySaysWhereItStopped() {
        var interrupted = Self.record(.interrupted)
        interrupted.stoppedIn = "build auth"
        #expect(LastDeploy.line(interrupted).hasSuffix("during build auth"))
        #expect(LastDeploy.line(Self.record(.unfinished)).hasPrefix("UNFINISHED abc1234"))
    }
}
