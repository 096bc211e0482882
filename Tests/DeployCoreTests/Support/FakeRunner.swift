import Foundation
import Synchronization

@testable import DeployCore

/// A runner that records what it was asked to run and answers from a script: the only seam tests replace.
final class FakeRunner: CommandRunner {
    private let calls = Mutex<[Action]>([])
    private let answer: @Sendable (Action) -> RunResult

    init(answer: @escaping @Sendable (Action) -> RunResult = { _ in RunResult(status: .exited(0)) }) {
        self.answer = answer
    }

    var actions: [Action] { calls.withLock { $0 } }

    func run(_ action: Action, capture: Bool, output: @escaping @Sendable (OutputLine) -> Void)
        async throws(DeployError) -> RunResult
    {
        calls.withLock { $0.append(action) }
        let result = answer(action)
        for line in result.tail { output(OutputLine(.stderr, line)) }
        return result
    }
}
