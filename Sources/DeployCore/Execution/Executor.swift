import Foundation
import Synchronization

/// Runs a release's steps as their schedule allows: independent work at once within each pool's limit,
/// every step after the ones it needs. The first failure stops new work: running steps finish, nothing
/// else starts, so terraform is never applied after a failed build, push or upload. A failure known to
/// be transient (a network blip) is retried a few times, saying so.
struct Executor: Sendable {
    let runner: any CommandRunner
    let reporter: Reporter
    let children: ChildRegistry
    let retry: RetryPolicy
    let concurrency: Concurrency
    /// On a terminal: the live board instead of child lines; notes go above it.
    let live: (any Board)?
    /// Why no new step may start, besides a failure or a signal (the shared lock was taken over).
    var halt: @Sendable () -> DeployError? = { nil }
    /// A step that succeeded, looked at before the walk goes on (the plan, read and checked): an error stops it.
    var review: @Sendable (Step, RunResult) async -> DeployError? = { _, _ in nil }
    /// A step that has become needless (an apply with nothing to apply): counted as done, not run.
    var skips: @Sendable (Step) -> Bool = { _ in false }
    /// Without the board, a step silent this long is said to be still running (0: never).
    var quietAfter = 30.0
    /// How a task before a roll is carried out (it is several calls, watched, not one command); it hears the
    /// step's output. Without it, such a step runs its action.
    var runsTask: (@Sendable (Step, @escaping @Sendable (OutputLine) -> Void) async throws(DeployError) -> RunResult)?

    init(
        runner: any CommandRunner, reporter: Reporter, children: ChildRegistry = .shared,
        retry: RetryPolicy = RetryPolicy(), concurrency: Concurrency = .serial, live: (any Board)? = nil
    ) {
        self.runner = runner
        self.reporter =
            live == nil ? reporter : reporter.behindBoard()
        self.children = children
        self.retry = retry
        self.concurrency = concurrency
        self.live = live
    }

    /// Runs the steps; returns the outcomes of those that ran (in the steps' order), with the error that
    /// stopped the walk.
    func run(_ steps: [Step]) async -> (outcomes: [StepOutcome], error: DeployError?) {
        var walk = Walk(steps: steps, concurrency: concurrency)
        let origin = Date()
        let stopped = Latch()
        let quiet = QuietSteps(after: quietAfter)
        let ticker = live == nil && quietAfter > 0 ? sayStillRunning(quiet) : nil
        defer { ticker?.cancel() }
        live?.start()
        await withTaskGroup(of: Finished.self) { group in
            func startWhatIsReady() {
                if walk.error == nil, let signal = children.interruption { walk.error = .interrupted(signal: signal) }
                if walk.error == nil, let reason = halt() { walk.error = reason }
                for index in walk.startReady(skipping: skips) {
                    announce(steps[index], at: index)
                    quiet.start(steps[index].label)
                    group.addTask { [self] in await perform(steps[index], at: index, stopped: stopped, quiet: quiet) }
                }
            }
            startWhatIsReady()
            while let finished = await group.next() {
                let seconds = Date().timeIntervalSince(finished.started)
                walk.finish(
                    finished.index, finished.result, started: finished.started.timeIntervalSince(origin),
                    seconds: seconds)
                if walk.error == nil, let refusal = finished.refusal { walk.error = refusal }
                quiet.end(steps[finished.index].label)
                if let ended = walk.outcome(of: finished.index) {
                    reporter.stepEnded(ended.step.label, Self.how(ended))
                }
                live?.update(
                    finished.index, walk.succeeded.contains(finished.index) ? .done(seconds: seconds) : .failed)
                if walk.error != nil { stopped.set() }
                startWhatIsReady()
            }
        }
        // Never a quiet success with steps left: the apply may be one of them.
        if let stuck = walk.stuck { walk.error = .stuck(stuck.map(\.label)) }
        live?.stop()
        return (walk.outcomesInOrder, walk.error)
    }

    /// How one started step ended, and when it began.
    private struct Finished: Sendable {
        var index: Int
        var result: Result<(RunResult, Int), DeployError>
        var started: Date
        /// What `review` found wrong with a step that ran well.
        var refusal: DeployError?
    }

    /// Every few seconds, the steps silent for `quietAfter` seconds, said to be still running.
    private func sayStillRunning(_ quiet: QuietSteps) -> Task<Void, Never> {
        Task { [reporter] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(min(5, quiet.after / 2)))
                for (label, seconds) in quiet.due() {
                    reporter.note("==> \(label): still running after \(WaitTime.elapsed(seconds))")
                }
            }
        }
    }

    /// How a step ended, as its group's title says: `ok in 2.1s`, `FAILED (exited with 1) after 2.1s`.
    static func how(_ outcome: StepOutcome) -> String {
        let time = WaitTime.tenths(outcome.seconds)
        switch outcome.result {
        case .ok: return "ok in \(time)"
        case .interrupted: return "STOPPED (interrupted by \(SignalName.of(outcome.interruption ?? 0))) after \(time)"
        case .failed: return "FAILED (\(outcome.status.phrase)) after \(time)"
        }
    }

    /// Says that a step starts: a line, or its row on the board (which a step that talks to the operator
    /// takes off the terminal first).
    private func announce(_ step: Step, at index: Int) {
        reporter.stepStarted(step.label)
        if live == nil { reporter.note("==> \(step.label)") }
        reporter.command(step.label, step.action.rendered)
        if step.action.commands.contains(where: { $0.input == .terminal }) { live?.stop() }
        live?.update(index, .running(since: Date()))
    }

    private func perform(_ step: Step, at index: Int, stopped: Latch, quiet: QuietSteps) async -> Finished {
        let started = Date()
        let result = await outcome { () async throws(DeployError) in
            try await runWithRetries(step, stopped: stopped, quiet: quiet)
        }
        var refusal: DeployError?
        if case .success(let (run, _)) = result, step.accepts(run.status) { refusal = await review(step, run) }
        return Finished(index: index, result: result, started: started, refusal: refusal)
    }

    /// A failure elsewhere in the walk ends the retries too: no new attempt starts after the deploy failed.
    private func runWithRetries(_ step: Step, stopped: Latch, quiet: QuietSteps) async throws(DeployError) -> (
        RunResult, Int
    ) {
        var attempt = 1
        while true {
            let unsaid = step.action.commands.flatMap(\.unsaid)
            let output: @Sendable (OutputLine) -> Void = { [reporter] line in
                quiet.said(step.label)
                if !unsaid.contains(where: line.text.hasPrefix) { reporter.child(step.label, line) }
            }
            let result: RunResult
            if step.phase == .task, let runsTask {
                result = try await runsTask(step, output)
            } else {
                result = try await runner.run(step.action, capture: step.answer != nil, output: output)
            }
            if let answer = step.answer, step.accepts(result.status) {
                reporter.child(step.label, OutputLine(.stdout, answer.line(result.stdout)))
            }
            guard !step.accepts(result.status), result.interruption == nil, attempt < retry.attempts, !stopped.isSet,
                let mark = retry.transientMark(phase: step.phase, output: result.tail)
            else { return (result, attempt) }
            attempt += 1
            let delay = retry.delay(beforeAttempt: attempt)
            reporter.note(
                "==> \(step.label): transient failure (\(mark)); retrying in \(Int(delay))s, attempt \(attempt) of "
                    + "\(retry.attempts)"
            )
            try? await Task.sleep(for: .seconds(delay))
            if let signal = children.interruption { throw .interrupted(signal: signal) }
            if stopped.isSet { return (result, attempt - 1) }
        }
    }
}
