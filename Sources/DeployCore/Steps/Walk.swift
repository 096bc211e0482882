/// The executor's bookkeeping for one walk over the steps, pure: which steps may start (their prerequisites
/// done, room in their pool), which ran and how, and the first error, after which nothing new starts.
struct Walk {
    let steps: [Step]
    let concurrency: Concurrency
    private let prerequisites: [[Int]]
    private var started: Set<Int> = []
    private(set) var succeeded: Set<Int> = []
    private var running: [Schedule.Pool: Int] = [:]
    private var outcomes: [Int: StepOutcome] = [:]
    /// What stops the walk: the first failure, or an interruption.
    var error: DeployError?

    init(steps: [Step], concurrency: Concurrency) {
        self.steps = steps
        self.concurrency = concurrency
        prerequisites = Schedule.prerequisites(of: steps)
    }

    /// The steps that never started though nothing stopped the walk and nothing runs: an order the schedule cannot
    /// meet. Nil when there are none.
    var stuck: [Step]? {
        guard error == nil, running.values.allSatisfy({ $0 == 0 }), started.count < steps.count else { return nil }
        return steps.indices.filter { !started.contains($0) }.map { steps[$0] }
    }

    /// How the step at `index` ended, once it did.
    func outcome(of index: Int) -> StepOutcome? { outcomes[index] }

    /// The outcomes of the steps that ran, in the steps' order.
    var outcomesInOrder: [StepOutcome] { steps.indices.compactMap { outcomes[$0] } }

    /// Marks every step that may start now as started, and returns them in order; none after an error. A step
    /// `skipping` says is needless is counted as done instead, and may free others.
    mutating func startReady(skipping: (Step) -> Bool = { _ in false }) -> [Int] {
        guard error == nil else { return [] }
        var ready: [Int] = []
        var freed = true
        while freed {
            freed = false
            for index in steps.indices where canStart(index) {
                started.insert(index)
                if skipping(steps[index]) {
                    succeeded.insert(index)
                    freed = true
                    continue
                }
                running[Schedule.pool(of: steps[index].phase), default: 0] += 1
                ready.append(index)
            }
        }
        return ready
    }

    /// Records how a step ended: a run with its attempts, or an error before or while it ran.
    mutating func finish(
        _ index: Int, _ result: Result<(RunResult, Int), DeployError>, started: Double, seconds: Double
    ) {
        running[Schedule.pool(of: steps[index].phase), default: 0] -= 1
        let step = steps[index]
        switch result {
        case .success(let (run, attempts)):
            outcomes[index] = StepOutcome(
                step: step, status: run.status, seconds: seconds, attempts: attempts, started: started,
                interruption: step.accepts(run.status) ? nil : run.interruption)
            if step.accepts(run.status) {
                succeeded.insert(index)
                if step.phase == .push || step.phase == .build {
                    outcomes[index]?.digest = ImageDigest.pushed(in: run.tail)
                }
            } else if error == nil {
                error = Self.failure(of: step, run)
            }
        case .failure(let failure):
            let status: TerminationStatus =
                if case .interrupted(let signal) = failure { .signaled(signal) } else { .exited(127) }
            let signal: Int32? = if case .interrupted(let signal) = failure { signal } else { nil }
            outcomes[index] = StepOutcome(
                step: step, status: status, seconds: seconds, started: started, interruption: signal)
            if error == nil { error = failure }
        }
    }

    /// Why a step that ran did not succeed: interrupted, stopped at its timeout, or failed. An apply that did
    /// not end by itself may have applied part of the change, and says so.
    static func failure(of step: Step, _ run: RunResult) -> DeployError {
        switch (step.phase, run.interruption, run.timedOut) {
        case (.apply, _, true): return .applyStopped(.timedOut(seconds: step.action.commands[0].timeout?.seconds ?? 0))
        case (.apply, .some(let signal), _): return .applyStopped(.interrupted(signal: signal))
        case (_, .some(let signal), _): return .interrupted(signal: signal)
        default:
            return .stepFailed(
                FailedStep(phase: step.phase, subject: step.subject, status: run.status, output: run.tail))
        }
    }

    private func canStart(_ index: Int) -> Bool {
        let pool = Schedule.pool(of: steps[index].phase)
        return !started.contains(index)
            && prerequisites[index].allSatisfy(succeeded.contains)
            && running[pool, default: 0] < concurrency.limit(pool)
            && running.values.reduce(0, +) < concurrency.total
            && (concurrency.total > 1 || steps.indices.prefix(index).allSatisfy(started.contains))
    }
}
