import Foundation

/// What `deploy rollback` is asked: where, which services (default: the last deploy's) and to which tag (default:
/// each one's before that deploy), and how to run and verify it.
struct RollbackOptions: Equatable, Sendable {
    var target = TargetOptions()
    var release = ReleaseOptions(mode: .rollback)
    /// `--to <sha>`: the tag to return to, instead of the one recorded before the last deploy.
    var to: String?
    var settings = ReleaseRun.Settings()
}

/// `deploy rollback`: the services of the last deploy that reached its apply (or `--services`) back to the tags
/// they ran before it (or `--to`). Nothing is built: every tag must already be in ECR, or nothing changes. The
/// apply rolls only those services; the rollout is verified as a deploy's.
struct RollbackCommand: Sendable {
    let options: RollbackOptions
    let context: DeployContext

    func run() async throws(DeployError) {
        try context.requireOperator(unless: options.settings.assumeYes || options.settings.dryRun)
        try context.requireTools(["git", "terraform", "aws"])
        let unread = Opened(
            workspace: try await context.openWorkspace(options.target, services: options.release.services),
            context: context)
        async let account = outcome { () async throws(DeployError) in try await unread.account() }
        let opened = try await unread.read(expecting: options.target.workspace)
        let who = try await account.get()
        let live = try await opened.changes.liveTags(opened.target)
        let history = try await History.read(opened)
        let targets = try RollbackTargets.resolve(
            history: history.records, services: options.release.services, to: options.to,
            live: live, file: history.source, shared: history.shared)
        var deployment = try Deployment(options: options.release, target: opened.target)
        deployment.color = context.style.color
        deployment.account = who
        deployment.rollBack(to: targets, live: live)
        let rollback = ExistingImagesRelease(
            context: context, opened: opened, allowDestroy: options.settings.allowDestroy)
        let (release, planned) = try await rollback.prepare(deployment, recovering: false)
        defer { PlanMaker.remove(release) }
        try await ReleaseRun(
            context: context, opened: opened, deployment: deployment, release: release, settings: options.settings,
            planned: planned
        ).carryOut()
    }
}

/// `--rollback-on-failure`: the services whose verification failed go back to the tags they ran before this
/// deploy, within the locks it holds: nothing is built, every tag is looked up in ECR first, the apply is planned,
/// run and verified as `deploy rollback`'s, and recorded as its own deploy. The deploy fails whatever the
/// rollback's outcome, saying both; with --output json, its document says how the rollback went.
struct RecoveryRollback: Sendable {
    let failed: ReleaseRun
    let shared: SharedLock?

    func run(_ verifications: [Verification], after failure: DeployError) async
        -> (DeployError, DeployDocument.Rollback?)
    {
        let plan: RecoveryTargets.Plan
        switch RecoveryTargets.resolve(verifications, previous: failed.deployment.previousTags) {
        case .failure(let why):
            let names = RecoveryTargets.failedNames(verifications)
            return (.rolledBackAfterFailure(failure, rolledBack: names, rollback: why), nil)
        case .success(let resolved): plan = resolved
        }
        failed.context.reporter.result("\n--rollback-on-failure: rolling back \(plan.named)")
        switch await outcome({ () async throws(DeployError) in try await rollBack(plan.targets) }) {
        case .failure(let error):
            return (.rolledBackAfterFailure(failure, rolledBack: plan.named, rollback: error), nil)
        case .success(let ran):
            return (
                .rolledBackAfterFailure(failure, rolledBack: plan.named, rollback: ran.failure),
                ran.document.map(DeployDocument.Rollback.init)
            )
        }
    }

    /// The rollback itself, from what ECS runs now: the ECR check, the plan, the summary, the steps, the
    /// verification and the record.
    private func rollBack(_ targets: [String: String]) async throws(DeployError) -> ReleaseRun.Ran {
        let (context, opened) = (failed.context, failed.opened)
        let live = try await opened.changes.liveTags(opened.target)
        var options = failed.deployment.options
        (options.mode, options.services, options.planAlongside) = (.rollback, targets.keys.sorted(), true)
        let deployment = try failed.deployment.rollingBack(to: targets, live: live, options: options)
        let rollback = ExistingImagesRelease(
            context: context, opened: opened, allowDestroy: failed.settings.allowDestroy)
        let (release, planned) = try await rollback.prepare(deployment, recovering: true)
        defer { PlanMaker.remove(release) }
        var settings = failed.settings
        (settings.assumeYes, settings.rollbackOnFailure) = (true, false)
        let run = ReleaseRun(
            context: context, opened: opened, deployment: deployment, release: release, settings: settings,
            planned: planned)
        return await run.runSteps(shared)
    }
}
