import Foundation
import Testing

@testable import DeployCore

/// Ctrl-C never strands what the team shares: wherever it lands, the deploy lets go of the team's lock (only if still
/// its own) and closes its history record as interrupted, naming where it was.
@Suite struct InterruptionTests {
    static let deploy = ["--var-file", "tfvars/prod.tfvars", "--profile", "p", "--min-free-gb", "0"]
    static let lock = "deploy/prod/lock.json"

    static func record(_ platform: ScriptedPlatform) throws -> HistoryRecord? {
        let keys = platform.bucket?.objects.withLock { $0.keys.filter { $0.contains("/history/") } } ?? []
        return try keys.sorted().last.flatMap { platform.bucket?.body($0) }.map {
            try JSONDecoder().decode(HistoryRecord.self, from: $0)
        }
    }

    @Test func atTheQuestionTheLockIsLetGoAndNothingRuns() async throws {
        let platform = ScriptedPlatform(shared: true)
        platform.model.withLock { $0.interruptOn = "question" }
        let run = await platform.run(Self.deploy)

        #expect(run.code == 130, "\(run.err)")
        #expect(run.err.contains("Type y to continue"))
        #expect(run.err.contains("deploy: error: interrupted by SIGINT"))
        #expect(platform.bucket?.body(Self.lock) == nil, "the team's lock is released")
        #expect(platform.dockerWork.isEmpty && platform.lockReleased)
    }

    @Test(arguments: [
        ("SERVICE=auth", "build auth"),
        ("apply -input=false", "apply"),
        ("aws ecs describe-services", "the rollout watch"),
    ])
    func duringTheRunTheLockIsLetGoAndTheRecordSaysWhereItStopped(during: String, stoppedIn: String) async throws {
        let platform = ScriptedPlatform(shared: true)
        // ECS is read before the apply too: the watch's reads are the ones after it.
        let watched = during.hasPrefix("aws ecs")
        platform.model.withLock { $0.interruptOn = watched ? nil : during }
        let run = await Self.runInterrupting(platform, watchOnly: watched, needle: during)

        #expect(run.code == 130, "\(run.err)")
        #expect(platform.bucket?.body(Self.lock) == nil, "the team's lock is released")
        let record = try #require(try Self.record(platform))
        #expect(record.result == .interrupted)
        #expect(record.stoppedIn?.contains(stoppedIn) == true, "\(String(describing: record.stoppedIn))")
        #expect(platform.history.last?.result == .interrupted && platform.history.last?.stoppedIn == record.stoppedIn)
        let shown = await platform.run(["history", "--show", "1"])
        #expect(shown.out.contains("stopped   during \(record.stoppedIn ?? "?")"))
    }

    /// The watch's reads come after the apply: the Ctrl-C is armed once the apply ran.
    static func runInterrupting(_ platform: ScriptedPlatform, watchOnly: Bool, needle: String) async
        -> ScriptedPlatform.Run
    {
        guard watchOnly else { return await platform.run(deploy + ["--yes"]) }
        platform.model.withLock { $0.seconds = ["apply -input=false": 0.2] }
        async let run = platform.run(deploy + ["--yes"])
        while !platform.commands.contains(where: { $0.contains("apply -input=false") }) {
            try? await Task.sleep(for: .milliseconds(5))
        }
        platform.model.withLock { $0.interruptOn = needle }
        return await run
    }
}
