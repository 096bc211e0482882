import Foundation

/// One release carried out past its summary, for a deploy, a rollback, or the rollback after a failure: this
/// clone's lock and the team's, the typed `y`, the steps, the rollout's verification, the closing table and the
/// record, however it ends; then the locks are let go.
struct ReleaseRun: Sendable {
    /// What the operator asked of the run itself.
    struct Settings: Equatable, Sendable {
        var assumeYes = false
        var dryRun = false
        var allowDestroy = false
        var concurrency = Concurrency.standard
        var rollbackOnFailure = false
        /// The var-file as typed, for the commands a message suggests.
        var varFile = "tfvars/<env>.tfvars"
    }

    /// How the steps and the verification of a run ended, and (with --output json) its document, not yet written.
    struct Ran: Sendable {
        var verifications: [Verification]
        var failure: DeployError?
        var document: DeployDocument?
    }

    let context: DeployContext
    let opened: Opened
    let deployment: Deployment
    private(set) var release: Release
    let settings: Settings
    let plan: ReviewedPlan
    let record: RunRecord

    init(
        context: DeployContext, opened: Opened, deployment: Deployment, release: Release, settings: Settings,
        planned: TerraformPlan?
    ) {
        self.context = context
        self.opened = opened
        self.deployment = deployment
        self.release = release
        self.settings = settings
        plan = ReviewedPlan(planned)
        record = RunRecord(context: context, opened: opened, deployment: deployment, release: release)
    }

    private var reporter: Reporter { context.reporter }

    /// The dry run's list, or the run itself within the locks; a failure is thrown once the run is summed up.
    func carryOut() async throws(DeployError) {
        if settings.dryRun { return showDryRun() }
        // The registry's login goes to a docker configuration of this run's own, removed when it ends; a promote's
        // logins (skopeo's) go nowhere else.
        let config = release.imagesToShip.isEmpty ? nil : DockerConfig.privateCopy(environment: context.environment)
        defer { DockerConfig.remove(config) }
        if config == nil, release.promotion != nil, !release.imagesToShip.isEmpty {
            throw .configuration(
                "no private folder could be made for the registries' logins under "
                    + "\(FileManager.default.temporaryDirectory.path): make it writable (or set TMPDIR); nothing was "
                    + "copied or applied")
        }
        let lock = try DeployLock.acquire(
            gitDirectory: deployment.workspace.gitDirectory, workspace: deployment.workspaceName, sha: release.tag,
            reporter: reporter)
        defer { lock.release() }
        noticeEarlierApply()
        // From here what this deploy holds is let go of, and what it did recorded, however it ends: a first Ctrl-C
        // (at the question too) is seen rather than obeyed at once.
        context.children.hold()
        defer { context.children.release() }
        let shared = try await takeSharedLock()
        var run = self
        run.release.dockerConfig = config?.path
        let ended = await outcome { () async throws(DeployError) in try await run.confirmAndRun(shared) }
        let failure = await conclude(ended, shared)
        if let shared { await context.children.cleanup { await shared.release() } }
        if let shared { context.children.letGo(shared.place.lockURL) }
        if let failure {
            // A deploy that was summed up ends with its outcome on stdout (`deployed <sha>`, `failed: ...`); a
            // refusal is said once, as the error.
            if !failure.isRefusal { reporter.result("failed: " + failure.headline) }
            throw failure
        }
    }

    /// How the run ended, after the rollback `--rollback-on-failure` asks for; the JSON document written.
    private func conclude(_ ended: Result<Ran, DeployError>, _ shared: SharedLock?) async -> DeployError? {
        let ran: Ran
        switch ended {
        case .failure(let error): return error
        case .success(let value): ran = value
        }
        var failure = ran.failure
        var document = ran.document
        if settings.rollbackOnFailure, let failed = ran.failure, case .verificationFailed = failed {
            let recovery = RecoveryRollback(failed: self, shared: shared)
            let (ended, rollback) = await recovery.run(ran.verifications, after: failed)
            failure = ended
            document?.rollback = rollback
        }
        if let document { reporter.document(document.json) }
        return failure
    }

    /// The typed `y`, then the steps and the verification.
    private func confirmAndRun(_ shared: SharedLock?) async throws(DeployError) -> Ran {
        let asked = Date()
        if !settings.assumeYes { try context.prompt.confirm(RunText.question(release, deployment)) }
        shared?.startHeartbeat(every: context.lockTiming.heartbeat)
        return await runSteps(shared, waited: settings.assumeYes ? 0 : Date().timeIntervalSince(asked))
    }

    /// The steps and the verification, recorded however they end.
    /// `waited`: the seconds spent at the question, left out of the total.
    func runSteps(_ shared: SharedLock?, waited: Double = 0) async -> Ran {
        await context.children.cleanup { await record.start() }
        let began = Date()
        var (outcomes, failure) = await executor(shared).run(release.steps)
        var known = record
        known.release = release.knowing(outcomes)
        var verifications: [Verification] = []
        var watching = false
        if failure == nil, let expectations = known.release.expectations {
            let applied = outcomes.first { $0.step.phase == .apply }.map { began.addingTimeInterval($0.started) }
            watching = true
            (verifications, failure) = await verify(
                expectations, watch: plan.plan?.hasChanges != false, since: applied ?? Date())
        }
        let stage = RunText.stoppedIn(failure, outcomes, watching: watching)
        let document = await context.children.cleanup { [known] in
            await known.close(outcomes, verifications, failure, plan: plan.plan, stoppedIn: stage, waited: waited)
        }
        if failure == nil { reporter.result(RunText.done(release, deployment.options.mode)) }
        return Ran(verifications: verifications, failure: failure, document: document)
    }

    /// The walk of this run: it stops when the shared lock is taken over or the plan fails; the plan made with
    /// the builds is read and checked when it ends, and an apply with nothing to apply is skipped.
    private func executor(_ shared: SharedLock?) -> Executor {
        var executor = Executor(
            runner: opened.runner, reporter: reporter, children: context.children,
            retry: RetryPolicy(backoff: context.pace.retryBackoff), concurrency: settings.concurrency,
            live: context.board(release.steps))
        let (plan, release, reporter) = (plan, release, reporter)
        let maker = PlanMaker(runner: opened.runner, reporter: reporter, allowDestroy: settings.allowDestroy)
        executor.quietAfter = context.pace.quietAfter
        var tasks = BeforeTaskRun(runner: opened.runner, children: context.children)
        (tasks.startedBy, tasks.pause) = ("deploy-\(release.tag)", context.pace.taskPause)
        executor.runsTask = { [release, tasks] step, output throws(DeployError) in
            guard let task = release.tasks.first(where: { $0.service == step.subject }) else {
                return RunResult(status: .exited(1), tail: ["no task is configured for \(step.subject ?? "?")"])
            }
            return try await tasks.run(task, say: output)
        }
        executor.halt = { shared?.loss ?? plan.failure }
        executor.review = { step, run in
            if let refusal = release.promotedDigestRefusal(step, answered: String(decoding: run.stdout, as: UTF8.self))
            {
                return refusal
            }
            guard step.phase == .plan, let apply = release.apply else { return nil }
            let reviewed = await outcome { () async throws(DeployError) in try await maker.review(apply, release) }
            plan.record(reviewed)
            switch reviewed {
            case .success(let planned):
                reporter.note(TerraformPlanText.lines(planned, release).joined(separator: "\n"))
                return nil
            case .failure(let error): return error
            }
        }
        executor.skips = { step in step.phase == .apply && plan.plan?.hasChanges == false }
        return executor
    }

    private func showDryRun() {
        reporter.result(DryRunText.dryRun(release))
        guard context.style.json else { return }
        var document = DeployDocument(
            release: release, outcomes: [], notRun: release.steps,
            seconds: Date().timeIntervalSince(deployment.started), error: nil, result: .dryRun)
        document.planned = (release.stepsWithPlan + (release.expectations?.commands ?? [])).map(\.action.rendered)
        document.terraform = plan.plan.map { TerraformPlanText.document($0) }
        reporter.document(document.json)
    }
}
