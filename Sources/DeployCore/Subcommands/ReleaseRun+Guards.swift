import Foundation

extension ReleaseRun {
    /// After a successful apply: is the new code serving? A service that is not is a failed deploy.
    func verify(_ expectations: Expectations, watch: Bool, since: Date) async -> ([Verification], DeployError?) {
        var verifier = Verifier(
            runner: opened.runner, reporter: context.reporter, children: context.children, cache: opened.cache,
            live: context.board(expectations.steps))
        verifier.pace = context.pace
        switch await outcome({ () async throws(DeployError) in
            try await verifier.verify(expectations, watch: watch, since: since)
        }) {
        case .success(let results):
            let problems = results.compactMap { result in
                result.problem.map {
                    VerificationProblem(line: $0, why: result.diagnosis.map(DiagnosisText.lines) ?? [])
                }
            }
            let next = RunText.nextStep(deployment.options.mode, varFile: settings.varFile)
            return (results, problems.isEmpty ? nil : .verificationFailed(problems, next: next))
        case .failure(let error):
            if case .interrupted = error {
                context.reporter.note(
                    "deploy: terraform was applied; ECS goes on rolling without deploy watching it: see deploy "
                        + "status, and deploy history for the tags that ran before")
            }
            return ([], error)
        }
    }

    /// With a deploy bucket: the team's lock for this deploy, or a refusal naming who holds it.
    func takeSharedLock() async throws(DeployError) -> SharedLock? {
        guard let (store, place) = opened.objects else { return nil }
        let now = DeployBucket.time(Date())
        let holder = LockHolder(
            arn: deployment.account?.arn ?? "unknown", user: context.user, host: ProcessInfo.processInfo.hostName,
            pid: getpid(), sha: release.tag, mode: deployment.options.kind,
            started: DeployBucket.time(deployment.started), heartbeat: now, history: record.key, run: context.ci)
        let unlock = "deploy unlock --var-file \(settings.varFile)"
        let lock = try await SharedLock.acquire(
            holder, store: store, place: place, timing: context.lockTiming, reporter: context.reporter, unlock: unlock)
        context.children.holding(
            place.lockURL,
            undo: "remove it with \(unlock), or it is taken over once its heartbeat is "
                + "\(WaitTime.text(context.lockTiming.staleAfter)) old")
        return lock
    }

    /// This clone's lock is ours now, so an apply log still there was left by a deploy that was killed: its
    /// apply may have run on to its end (or be running still). Said, and kept aside for reading.
    func noticeEarlierApply() {
        let log = DeployFolder.applyLog(workspace: deployment.workspaceName, in: deployment.workspace.gitDirectory)
        guard FileKind.of(log) == .file else { return }
        let kept = log.appendingPathExtension("previous")
        try? FileManager.default.removeItem(at: kept)
        try? FileManager.default.moveItem(at: log, to: kept)
        context.reporter.note(
            "deploy: an earlier deploy was killed during its terraform apply, which went on without it: its output is "
                + "in \(kept.path); read it to see how that apply ended (it may still be running: terraform's state "
                + "lock keeps this deploy's apply from overlapping it), and see what runs now with deploy status")
    }
}
