import Foundation

/// What `deploy` itself is asked: where, what it builds and rolls, what it may do that is refused by default,
/// how it builds, and how the run goes.
struct DeployOptions: Equatable, Sendable {
    var target = TargetOptions()
    var release = ReleaseOptions()
    var settings = ReleaseRun.Settings()
    /// `--allow-rollback`: a deploy may roll HEAD over a live commit that is not in HEAD's history.
    var allowRollback = false
    /// `--allow-redeploy`: a deploy may ship again a commit that was rolled back.
    var allowRedeploy = false
    var allowDirty = false
    var forceRebuild = false
    /// Refuse to build images with less free disk than this many GB.
    var minimumFreeGB = 8
}

/// A deploy (full, `--services`, `--skip-tf` or `--changed`): the opening reads, `--changed`'s narrowing, the
/// release, then at once terraform's plan, what is already in ECR and in the buckets, what ECS runs, the checks
/// before the build and the account; the summary with the plan; then the run (`ReleaseRun`).
struct DeployCommand: Sendable {
    let options: DeployOptions
    let context: DeployContext

    func run() async throws(DeployError) {
        let started = Date()
        try context.requireOperator(unless: options.settings.assumeYes || options.settings.dryRun)
        try await requireTools()
        let workspace = try await context.openWorkspace(options.target, services: options.release.services)
        let unread = Opened(workspace: workspace, context: context)
        // Read alongside HEAD and the outputs; --changed may find nothing to deploy, and then never asks.
        let early = options.release.mode == .changed ? nil : accountReading(unread)
        let opened = try await unread.read(expecting: options.target.workspace)
        var deployment = try Deployment(options: options.release, target: opened.target, started: started)
        deployment.color = context.style.color
        // Which services' last deploy was rolled back, so that the undone commit is not shipped again unasked.
        let history = History.reading(opened)
        if options.release.mode == .changed {
            let reading = ChangedReading(context: context, opened: opened, started: started)
            guard let changes = try await reading.changesToDeploy(try await history.value.get()) else { return }
            try deployment.limit(
                to: changes, allowRollback: options.allowRollback, allowRedeploy: options.allowRedeploy)
        }
        var release = try Release(resolving: deployment)
        defer { PlanMaker.remove(release) }
        let maker = PlanMaker(
            runner: opened.runner, reporter: context.reporter, allowDestroy: options.settings.allowDestroy)
        let planning = try maker.start(release)
        try await settle(&release, &deployment, opened, history, account: early ?? accountReading(opened))
        let planned = try await PlanMaker.planned(planning, &release)
        if let account = deployment.account {
            context.reporter.result(ReleaseText.text(release, deployment, account: account, plan: planned))
        }
        try await ReleaseRun(
            context: context, opened: opened, deployment: deployment, release: release, settings: options.settings,
            planned: planned
        ).carryOut()
    }

    /// The tools on PATH; and, unless a remote builder builds or nothing will, a container engine that answers,
    /// before any read.
    private func requireTools() async throws(DeployError) {
        try context.requireTools(["git", "terraform", "aws"])
        guard options.release.builder == nil && !options.settings.dryRun else { return }
        try context.requireTools(["docker"])
        try await EngineProbe(runner: context.runner(in: context.directory)).require()
    }

    private func accountReading(_ opened: Opened) -> Task<Result<Account, DeployError>, Never> {
        Task { await outcome { () async throws(DeployError) in try await opened.account() } }
    }

    /// What ECS runs (for the history, and the checks against rolling back), what is already in ECR and in the
    /// buckets, the secrets the services' task definitions reference, and the checks before the build, at once.
    /// Then the account; after it, failing credentials are reported as such, not as a failed ECS read: the checks
    /// against rolling back, and the secrets.
    private func settle(
        _ release: inout Release, _ deployment: inout Deployment, _ opened: Opened,
        _ history: Task<Result<[HistoryRecord], DeployError>, Never>,
        account: Task<Result<Account, DeployError>, Never>
    ) async throws(DeployError) {
        let readsLive = options.release.mode != .changed && release.apply != nil && deployment.facts.clusterName != nil
        let live = Task {
            await outcome { () async throws(DeployError) in
                readsLive ? try await opened.changes.changes(opened.target, history: try await history.value.get()) : []
            }
        }
        // After the live read, which leaves each service read and its task definition described.
        let secrets = Task { [release] in
            _ = await live.value
            return await SecretReading(opened: opened).findings(release)
        }
        let timing = Task { [release] in
            _ = await live.value
            return await RolloutTiming(opened: opened).settings(release)
        }
        try await markWhatIsThere(&release, opened)
        let changes = await live.value
        try await Preflight(
            workspace: deployment.workspace, release: release, runner: opened.runner,
            environment: context.environment, allowDirty: options.allowDirty,
            checksUncommitted: true, minimumFreeGB: options.minimumFreeGB
        ).run()
        deployment.account = try await account.value.get()
        if readsLive {
            try deployment.check(
                try changes.get(), allowRollback: options.allowRollback, allowRedeploy: options.allowRedeploy)
        }
        try SecretReading.judge(await secrets.value, account: deployment.account?.id, reporter: context.reporter)
        release.expectations?.estimate(await timing.value)
    }

    /// A tag already in ECR is only trusted as this commit's build when the tree is clean: such images are
    /// neither built nor pushed, and a bucket that holds this build is skipped.
    private func markWhatIsThere(_ release: inout Release, _ opened: Opened) async throws(DeployError) {
        guard !options.forceRebuild && !options.allowDirty else { return }
        let (sitesToCheck, tag, runner) = (release.sites, release.tag, opened.runner)
        async let sites = outcome { () async throws(DeployError) in
            try await BuildMarkerReader(runner: runner).upToDate(sitesToCheck, tag: tag)
        }
        release.markInRegistry(try await RegistryReader(runner: runner).present(release.images))
        release.markUpToDate(try await sites.get())
    }
}
