import Foundation
import Synchronization

@testable import DeployCore

/// A fake runner whose commands take time, recording when each started and ended, to test schedules.
final class TimedRunner: CommandRunner {
    struct Run: Sendable {
        var action: Action
        var start: Date
        var end: Date
    }

    private let runs = Mutex<[Run]>([])
    private let seconds: @Sendable (Action) -> Double
    private let status: @Sendable (Action) -> TerminationStatus

    init(
        seconds: @escaping @Sendable (Action) -> Double = { _ in 0.05 },
        status: @escaping @Sendable (Action) -> TerminationStatus = { _ in .exited(0) }
    ) {
        self.seconds = seconds
        self.status = status
    }

    var all: [Run] { runs.withLock { $0 } }

    func run(_ action: Action, capture: Bool, output: @escaping @Sendable (OutputLine) -> Void)
        async throws(DeployError) -> RunResult
    {
        let start = Date()
        try? await Task.sleep(for: .seconds(seconds(action)))
        runs.withLock { $0.append(Run(action: action, start: start, end: Date())) }
        return RunResult(status: status(action))
    }

    /// The most runs matching `filter` that were going on at the same moment.
    func maxOverlap(_ filter: (Action) -> Bool) -> Int {
        let chosen = all.filter { filter($0.action) }
        return chosen.map { run in chosen.filter { $0.start <= run.start && run.start < $0.end }.count }.max() ?? 0
    }
}
