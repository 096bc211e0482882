import Foundation

extension Deployer {
    /// A deploy: the opening reads, `--changed`'s narrowing, the release, then at once the plan, what is already
    /// in ECR and in the buckets, what ECS runs, the safety checks and the account; the summary with the plan;
    /// then the locks, the `y` and the run.
    func deploy() async throws(DeployError) {
        let opening = try await open(accountLater: plan.mode == .changed)
        var deployment = opening.deployment
        let session = opening.session
        // Which services' last deploy was rolled back, so that the undone commit is not shipped again unasked.
        let history = historyRead(deployment, session)
        if plan.mode == .changed {
            guard let changes = try await changesToDeploy(deployment, session, try await history.value.get()) else {
                return
            }
            try deployment.limit(to: changes, allowRollback: plan.allowRollback, allowRedeploy: plan.allowRedeploy)
        }
        var release = try Release(resolving: deployment)
        defer { removePlan(release) }
        let planning = try planRead(release, session)
        let live = try await settle(&release, deployment, session, history)
        let who = try await opening.who()
        // After the account: failing credentials are reported as such, not as a failed ECS read.
        deployment.account = who
        if let changes = try live?.get() {
            try deployment.check(changes, allowRollback: plan.allowRollback, allowRedeploy: plan.allowRedeploy)
        }
        let planned = try await planned(planning, &release)
        reporter.result(ReleaseText.text(release, deployment, account: who, plan: planned))
        try await carryOut(release, deployment, session, planned: planned)
    }

    /// What ECS runs (for the history, and the checks against rolling back), what is already in ECR and in the
    /// buckets, and the safety checks, at once. The live read's result is nil when nothing rolls.
    private func settle(
        _ release: inout Release, _ deployment: Deployment, _ session: Session,
        _ history: Task<Result<[HistoryRecord], DeployError>, Never>
    ) async throws(DeployError) -> Result<[ServiceChange], DeployError>? {
        let readsLive = plan.mode != .changed && release.apply != nil && deployment.facts.clusterName != nil
        async let live = outcome { () async throws(DeployError) in
            readsLive
                ? try await session.changes.changes(deployment.target, history: try await history.value.get()) : []
        }
        try await markWhatIsThere(&release, session)
        let changes = await live
        try await Preflight(
            plan: plan, workspace: deployment.workspace, release: release, runner: session.runner,
            environment: environment
        ).run()
        return readsLive ? changes : nil
    }

    /// The history, read alongside the rest.
    func historyRead(_ deployment: Deployment, _ session: Session) -> Task<Result<[HistoryRecord], DeployError>, Never>
    {
        Task { await outcome { () async throws(DeployError) in try await readHistory(deployment, session).records } }
    }

    /// A tag already in ECR is only trusted as this commit's build when the tree is clean: such images are
    /// neither built nor pushed, and a bucket that holds this build is skipped.
    private func markWhatIsThere(_ release: inout Release, _ session: Session) async throws(DeployError) {
        guard !plan.forceRebuild && !plan.allowDirty else { return }
        let (sitesToCheck, tag, runner) = (release.sites, release.tag, session.runner)
        async let sites = outcome { () async throws(DeployError) in
            try await BuildMarkerReader(runner: runner).upToDate(sitesToCheck, tag: tag)
        }
        release.markInRegistry(try await RegistryReader(runner: runner).present(release.images))
        release.markUpToDate(try await sites.get())
    }

    /// With --changed: the DEPLOY/skip table; nil (and said so) when nothing changed.
    private func changesToDeploy(_ deployment: Deployment, _ session: Session, _ history: [HistoryRecord])
        async throws(DeployError) -> [ServiceChange]?
    {
        let changes = try await session.changes.changes(deployment.target, history: history)
        reporter.result(ChangeText.table(changes, head: deployment.head, verbose: plan.verbose))
        // A held service is a deploy that needs an answer (refused, or --allow-redeploy), not nothing to do.
        if changes.contains(where: { $0.action != .skip }) { return changes }
        reporter.result("nothing to deploy: no service changed since the commit it runs")
        let uncommitted = try await Preflight.dirtyFiles(session.runner).filter { path in
            path.hasPrefix("services/")
                || !ChangeDetection(config: deployment.workspace.config).sharedPaths(in: [path]).isEmpty
        }
        if !uncommitted.isEmpty {
            reporter.result(
                "uncommitted changes are not part of any deploy (an image is built from a commit): "
                    + uncommitted.prefix(5).joined(separator: ", ")
                    + (uncommitted.count > 5 ? " (+\(uncommitted.count - 5) more)" : "")
                    + "; commit them, then deploy")
        }
        if plan.json {
            let nothing = Release(
                tag: deployment.head, dockerfile: deployment.workspace.config.dockerfile, images: [],
                sites: [], apply: nil)
            reporter.document(
                DeployDocument(
                    release: nothing, outcomes: [], notRun: [],
                    seconds: Date().timeIntervalSince(deployment.started), error: nil,
                    result: .nothingToDeploy
                ).json)
        }
        return nil
    }
}
