import Foundation
import Synchronization

/// Runs a release's steps as their schedule allows: independent work at once within each pool's limit,
/// every step after the ones it needs. The first failure stops new work: running steps finish, nothing
/// else starts, so terraform is never applied after a failed build, push or upload. A failure known to
/// be transient (a network blip) is retried a few times, saying so.
struct Executor: Sendable {
    /// What happened to one step.
    struct Outcome: Equatable, Sendable {
        /// ok or failed, as the summary and the history name it.
        var result: StepResult { status.succeeded ? .ok : .failed }

        var step: Step
        var status: TerminationStatus
        var seconds: Double
        var attempts = 1
        /// Seconds from the start of the walk, for the order of events.
        var started = 0.0
    }

    let runner: any CommandRunner
    let reporter: Reporter
    let children: ChildRegistry
    let retry: RetryPolicy
    let concurrency: Concurrency
    /// On a terminal: the live board instead of child lines; notes go above it.
    let live: LiveStatus?

    init(runner: any CommandRunner, reporter: Reporter, children: ChildRegistry = .shared,
                retry: RetryPolicy = RetryPolicy(), concurrency: Concurrency = .serial, live: LiveStatus? = nil) {
        self.runner = runner
        self.reporter = live.map { board in reporter.behindBoard { board.note($0.trimmingCharacters(in: .newlines)) } } ?? reporter
        self.children = children
        self.retry = retry
        self.concurrency = concurrency
        self.live = live
    }

    /// Runs the steps; returns the outcomes of those that ran (in the steps' order), with the error that
    /// stopped the walk.
    func run(_ steps: [Step]) async -> (outcomes: [Outcome], error: DeployError?) {
        let prerequisites = Schedule.prerequisites(of: steps)
        let origin = Date()
        var state = WalkState()
        let stopped = StopFlag()
        live?.start()
        await withTaskGroup(of: (Int, Result<(RunResult, Int), DeployError>, Date).self) { group in
            func startWhatIsReady() {
                if state.error == nil, let signal = children.interruption { state.error = .interrupted(signal: signal) }
                guard state.error == nil else { return }
                for index in steps.indices where state.canStart(index, steps: steps, prerequisites: prerequisites, concurrency: concurrency) {
                    state.start(index, pool: Schedule.pool(of: steps[index].phase))
                    let step = steps[index]
                    if live == nil { reporter.note("==> \(step.label)") }
                    reporter.command(step.label, step.action.rendered)
                    // A step that talks to the operator gets a terminal free of the board.
                    if step.action.commands.contains(where: { $0.input == .terminal }) { live?.stop() }
                    live?.update(index, .running(since: Date()))
                    group.addTask { [self] in
                        let started = Date()
                        return (index, await outcome { () async throws(DeployError) in try await runWithRetries(step, stopped: stopped) }, started)
                    }
                }
            }
            startWhatIsReady()
            while let (index, result, started) = await group.next() {
                state.finish(index, pool: Schedule.pool(of: steps[index].phase))
                if case .success(let (run, _)) = result, run.status.succeeded {
                    live?.update(index, .done(seconds: Date().timeIntervalSince(started)))
                } else {
                    live?.update(index, .failed)
                }
                switch result {
                case .success(let (run, attempts)):
                    state.outcomes[index] = Outcome(step: steps[index], status: run.status, seconds: Date().timeIntervalSince(started),
                                                    attempts: attempts, started: started.timeIntervalSince(origin))
                    if run.status.succeeded { state.succeeded.insert(index) } else if state.error == nil {
                        state.error = .stepFailed(FailedStep(phase: steps[index].phase, subject: steps[index].subject, status: run.status, output: run.tail))
                    }
                case .failure(let error):
                    let status: TerminationStatus = if case .interrupted(let signal) = error { .signaled(signal) } else { .exited(127) }
                    state.outcomes[index] = Outcome(step: steps[index], status: status, seconds: Date().timeIntervalSince(started),
                                                    started: started.timeIntervalSince(origin))
                    if state.error == nil { state.error = error }
                }
                if state.error != nil { stopped.set() }
                startWhatIsReady()
            }
        }
        live?.stop()
        return (steps.indices.compactMap { state.outcomes[$0] }, state.error)
    }

    /// A failure elsewhere in the walk ends the retries too: no new attempt starts after the deploy failed.
    private func runWithRetries(_ step: Step, stopped: StopFlag) async throws(DeployError) -> (RunResult, Int) {
        var attempt = 1
        while true {
            let result = try await runner.run(step.action, capture: false) { [reporter] in reporter.child(step.label, $0) }
            guard !result.status.succeeded, attempt < retry.attempts, !stopped.isSet,
                  let mark = retry.transientMark(phase: step.phase, output: result.tail) else { return (result, attempt) }
            attempt += 1
            let delay = retry.delay(beforeAttempt: attempt)
            reporter.note("==> \(step.label): transient failure (\(mark)); retrying in \(Int(delay))s, attempt \(attempt) of \(retry.attempts)")
            try? await Task.sleep(for: .seconds(delay))
            if let signal = children.interruption { throw .interrupted(signal: signal) }
            if stopped.isSet { return (result, attempt - 1) }
        }
    }
}

/// How one step ended, by name.
enum StepResult: String, Equatable, Sendable, Codable {
    case ok
    case failed
}

/// The executor's bookkeeping: which steps started, which succeeded, how full each pool is.
private struct WalkState {
    var started: Set<Int> = []
    var succeeded: Set<Int> = []
    var running: [Schedule.Pool: Int] = [:]
    var outcomes: [Int: Executor.Outcome] = [:]
    var error: DeployError?

    var runningTotal: Int { running.values.reduce(0, +) }

    func canStart(_ index: Int, steps: [Step], prerequisites: [[Int]], concurrency: Concurrency) -> Bool {
        let pool = Schedule.pool(of: steps[index].phase)
        return !started.contains(index)
            && prerequisites[index].allSatisfy(succeeded.contains)
            && running[pool, default: 0] < concurrency.limit(pool)
            && runningTotal < concurrency.total
            && (concurrency.total > 1 || steps.indices.prefix(index).allSatisfy(started.contains))
    }

    mutating func start(_ index: Int, pool: Schedule.Pool) {
        started.insert(index)
        running[pool, default: 0] += 1
    }

    mutating func finish(_ index: Int, pool: Schedule.Pool) {
        running[pool, default: 0] -= 1
    }
}

/// Set once a step of the walk has failed; read by steps that are retrying.
private final class StopFlag: Sendable {
    private let flag = Mutex(false)
    var isSet: Bool { flag.withLock { $0 } }
    func set() { flag.withLock { $0 = true } }
}
