import Foundation
import Synchronization

@testable import DeployCore

/// A runner that records what it was asked to run, and when, and answers from a script, after `delay` seconds:
/// the only seam tests replace.
final class FakeRunner: CommandRunner {
    struct Call: Sendable {
        var action: Action
        var start: Date
        var end: Date
    }

    private let calls = Mutex<[Call]>([])
    /// The children registry of the run under test: once it is interrupted, a child starts only for a cleanup, as
    /// with the process runner.
    let children = Mutex<ChildRegistry?>(nil)
    private let answer: @Sendable (Action) -> RunResult
    private let delay: @Sendable (Action) -> Double

    convenience init(answer: @escaping @Sendable (Action) -> RunResult = { _ in RunResult(status: .exited(0)) }) {
        self.init(delay: { _ in 0 }, answer: answer)
    }

    init(delay: @escaping @Sendable (Action) -> Double, answer: @escaping @Sendable (Action) -> RunResult) {
        self.delay = delay
        self.answer = answer
    }

    var actions: [Action] { calls.withLock { $0.map(\.action) } }

    /// Every call with when it started and ended, in the order they started.
    var timed: [Call] { calls.withLock { $0 }.sorted { $0.start < $1.start } }

    func run(_ action: Action, capture: Bool, output: @escaping @Sendable (OutputLine) -> Void)
        async throws(DeployError) -> RunResult
    {
        if let signal = children.withLock({ $0?.refusal }) { throw .interrupted(signal: signal) }
        let start = Date()
        let index = calls.withLock { calls in
            calls.append(Call(action: action, start: start, end: start))
            return calls.count - 1
        }
        let seconds = delay(action)
        if seconds > 0 { try? await Task.sleep(for: .seconds(seconds)) }
        var result = answer(action)
        if let signal = children.withLock({ $0?.interruption }), !result.status.succeeded {
            result.interruption = signal
        }
        calls.withLock { $0[index].end = Date() }
        for line in result.tail { output(OutputLine(.stderr, line)) }
        return result
    }
}
