import Foundation

/// Walks a release's steps in their fixed order and stops at the first failure: a failed step means
/// nothing after it runs, so terraform is never applied after a failed build, push or upload.
public struct Executor: Sendable {
    /// What happened to one step.
    public struct Outcome: Equatable, Sendable {
        public var step: Step
        public var status: TerminationStatus
        public var seconds: Double
    }

    let runner: any CommandRunner
    let reporter: Reporter
    let children: ChildRegistry

    public init(runner: any CommandRunner, reporter: Reporter, children: ChildRegistry = .shared) {
        self.runner = runner
        self.reporter = reporter
        self.children = children
    }

    /// Runs every step; returns the outcomes of those that ran, with the error that stopped the walk.
    public func run(_ steps: [Step]) async -> (outcomes: [Outcome], error: DeployError?) {
        var outcomes: [Outcome] = []
        for step in steps {
            if let signal = children.interruption { return (outcomes, .interrupted(signal: signal)) }
            reporter.note("==> \(step.label)")
            let started = Date()
            let result: RunResult
            do {
                result = try await runner.run(step.action, capture: false) { [reporter] in reporter.child(step.label, $0) }
            } catch {
                return (outcomes, error)
            }
            outcomes.append(Outcome(step: step, status: result.status, seconds: Date().timeIntervalSince(started)))
            if let signal = children.interruption { return (outcomes, .interrupted(signal: signal)) }
            if !result.status.succeeded {
                return (outcomes, .stepFailed(step: step.label, status: result.status, output: result.tail))
            }
        }
        return (outcomes, nil)
    }
}
