import Foundation

/// Walks a release's steps in their fixed order and stops at the first failure: a failed step means
/// nothing after it runs, so terraform is never applied after a failed build, push or upload. A failure
/// known to be transient (a network blip) is retried a few times, saying so.
public struct Executor: Sendable {
    /// What happened to one step.
    public struct Outcome: Equatable, Sendable {
        public var step: Step
        public var status: TerminationStatus
        public var seconds: Double
        public var attempts = 1
    }

    let runner: any CommandRunner
    let reporter: Reporter
    let children: ChildRegistry
    let retry: RetryPolicy

    public init(runner: any CommandRunner, reporter: Reporter, children: ChildRegistry = .shared, retry: RetryPolicy = RetryPolicy()) {
        self.runner = runner
        self.reporter = reporter
        self.children = children
        self.retry = retry
    }

    /// Runs every step; returns the outcomes of those that ran, with the error that stopped the walk.
    public func run(_ steps: [Step]) async -> (outcomes: [Outcome], error: DeployError?) {
        var outcomes: [Outcome] = []
        for step in steps {
            if let signal = children.interruption { return (outcomes, .interrupted(signal: signal)) }
            reporter.note("==> \(step.label)")
            let started = Date()
            let result: RunResult, attempts: Int
            do {
                (result, attempts) = try await runWithRetries(step)
            } catch {
                return (outcomes, error)
            }
            outcomes.append(Outcome(step: step, status: result.status, seconds: Date().timeIntervalSince(started), attempts: attempts))
            if !result.status.succeeded {
                return (outcomes, .stepFailed(step: step.label, status: result.status, output: result.tail))
            }
        }
        return (outcomes, nil)
    }

    private func runWithRetries(_ step: Step) async throws(DeployError) -> (RunResult, Int) {
        var attempt = 1
        while true {
            let result = try await runner.run(step.action, capture: false) { [reporter] in reporter.child(step.label, $0) }
            guard !result.status.succeeded, attempt < retry.attempts,
                  let mark = retry.transientMark(phase: step.phase, output: result.tail) else { return (result, attempt) }
            attempt += 1
            let delay = retry.delay(beforeAttempt: attempt)
            reporter.note("==> \(step.label): transient failure (\(mark)); retrying in \(Int(delay))s, attempt \(attempt) of \(retry.attempts)")
            try? await Task.sleep(for: .seconds(delay))
            if let signal = children.interruption { throw .interrupted(signal: signal) }
        }
    }
}
