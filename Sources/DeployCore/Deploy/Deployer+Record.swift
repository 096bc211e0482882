import Foundation

extension Deployer {
    /// How long a shared lock's heartbeat may be silent before it is stale, and how often it beats. Both can
    /// be lowered for tests: `DEPLOY_LOCK_STALE_SECONDS`, `DEPLOY_LOCK_HEARTBEAT_SECONDS`.
    var lockTiming: SharedLock.Timing {
        var timing = SharedLock.Timing()
        if let seconds = environment["DEPLOY_LOCK_STALE_SECONDS"].flatMap(Double.init), seconds > 0 {
            timing.staleAfter = seconds
        }
        if let seconds = environment["DEPLOY_LOCK_HEARTBEAT_SECONDS"].flatMap(Double.init), seconds > 0 {
            timing.heartbeat = seconds
        }
        return timing
    }

    /// The deploy bucket's objects, through this workspace's runner; nil without a `deploy_bucket` output.
    func objects(_ deployment: Deployment, _ session: Session) -> (ObjectStore, DeployBucket)? {
        deployment.bucket.map { place in
            let scratch = DeployFolder.file("objects", in: deployment.workspace.gitDirectory)
            return (ObjectStore(runner: session.runner, bucket: place.bucket, scratch: scratch), place)
        }
    }

    /// With a deploy bucket: the team's lock for this deploy, or a refusal naming who holds it.
    func takeSharedLock(_ run: Run) async throws(DeployError) -> SharedLock? {
        guard let (store, place) = objects(run.deployment, run.session) else { return nil }
        let now = DeployBucket.time(Date())
        let holder = LockHolder(
            arn: run.deployment.account?.arn ?? "unknown", user: LocalUser.name(environment: environment),
            host: ProcessInfo.processInfo.hostName, pid: getpid(), sha: run.release.tag, mode: plan.kind,
            started: DeployBucket.time(run.deployment.started), heartbeat: now, history: run.record)
        return try await SharedLock.acquire(
            holder, store: store, place: place, timing: lockTiming, reporter: reporter,
            unlock: "deploy unlock --var-file \(plan.varFile ?? "tfvars/<env>.tfvars")")
    }

    /// The shared history's record of a deploy that begins: `started`, overwritten when it ends.
    func recordStart(_ run: Run) async {
        let record = HistoryRecord(
            deployment: run.deployment, release: run.release, outcomes: [], verifications: [], error: nil,
            seconds: 0, user: LocalUser.name(environment: environment), result: .started)
        await recordShared(record, run)
    }

    /// The closing table, the history (this clone's file, and the shared object) and (with --output json) the
    /// document, for the caller to write: for every deploy that got past the `y`.
    func close(_ run: Run, _ outcomes: [StepOutcome], _ verifications: [Verification], _ failure: DeployError?) async
        -> DeployDocument?
    {
        let (release, deployment) = (run.release, run.deployment)
        let ran = Set(outcomes.map(\.step.label))
        let notRun = release.steps.filter { !ran.contains($0.label) }
        let seconds = Date().timeIntervalSince(deployment.started)
        reporter.result(
            "\n" + ClosingText.steps(outcomes, notRun: notRun, seconds: seconds)
                + (verifications.isEmpty ? "" : "\n" + ClosingText.verification(verifications)))
        let history = HistoryFile(gitDirectory: deployment.workspace.gitDirectory, workspace: deployment.workspaceName)
        let record = HistoryRecord(
            deployment: deployment, release: release, outcomes: outcomes, verifications: verifications,
            error: failure, seconds: seconds, user: LocalUser.name(environment: environment))
        do { try history.append(record) } catch { reporter.note("deploy: warning: \(error.message)") }
        await recordShared(record, run)
        // The apply ended under this deploy's watch: its log has been shown.
        if let log = release.apply?.log { try? FileManager.default.removeItem(atPath: log) }
        guard plan.json else { return nil }
        var summary = DeployDocument(
            release: release, outcomes: outcomes, notRun: notRun, seconds: seconds, error: failure)
        summary.verification = DeployDocument.checks(verifications)
        summary.terraform = run.plan.plan.map { TerraformPlanText.document($0) }
        summary.history = history.url.path
        return summary
    }

    /// This clone's lock is ours now, so an apply log still there was left by a deploy that was killed: its
    /// apply may have run on to its end (or be running still). Said, and kept aside for reading.
    func noticeEarlierApply(_ deployment: Deployment) {
        let log = DeployFolder.applyLog(workspace: deployment.workspaceName, in: deployment.workspace.gitDirectory)
        guard FileKind.of(log) == .file else { return }
        let kept = log.appendingPathExtension("previous")
        try? FileManager.default.removeItem(at: kept)
        try? FileManager.default.moveItem(at: log, to: kept)
        reporter.note(
            "deploy: an earlier deploy was killed during its terraform apply, which went on without it: its output is "
                + "in \(kept.path); read it to see how that apply ended (it may still be running: terraform's state "
                + "lock "
                + "keeps this deploy's apply from overlapping it), and see what runs now with deploy status")
    }

    /// A shared history write that fails is a warning: the deploy itself is over or under way.
    private func recordShared(_ record: HistoryRecord, _ run: Run) async {
        guard let key = run.record, let (store, place) = objects(run.deployment, run.session) else { return }
        let history = SharedHistory(store: store, place: place)
        if case .failure(let error) = await outcome({ () async throws(DeployError) in
            try await history.write(record, key: key)
        }) {
            reporter.note(
                "deploy: warning: could not record the deploy in s3://\(place.bucket)/\(key): \(error.message)")
        }
    }
}
