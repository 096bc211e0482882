import Foundation

extension Deployer {
    /// One deploy past its summary: what it rolls, where, in which session, and where it is recorded.
    struct Run: Sendable {
        let release: Release
        let deployment: Deployment
        let session: Session
        /// The team's lock, with a deploy bucket.
        var shared: SharedLock?
        /// Where this deploy's record goes in the shared history.
        var record: String?
        /// The terraform plan: known before the `y`, or (with --yes) once its step ends.
        let plan = PlanState()
    }

    /// After the summary: takes the workspace's locks (this clone's, and the team's with a deploy bucket), asks
    /// for the typed `y`, runs the steps, verifies the rollout, prints the closing table and records the deploy,
    /// however it ended; then lets go of the locks.
    func carryOut(_ release: Release, _ deployment: Deployment, _ session: Session, planned: TerraformPlan?)
        async throws(DeployError)
    {
        if plan.dryRun { return showDryRun(release, deployment, planned) }
        let lock = try DeployLock.acquire(
            gitDirectory: deployment.workspace.gitDirectory,
            workspace: deployment.workspaceName, sha: release.tag, reporter: reporter)
        defer { lock.release() }
        noticeEarlierApply(deployment)
        var run = Run(release: release, deployment: deployment, session: session)
        if let planned { run.plan.record(.success(planned)) }
        run.record = deployment.bucket.map {
            $0.historyKey(started: deployment.started, sha: release.tag, nonce: DeployBucket.nonce())
        }
        run.shared = try await takeSharedLock(run)
        let ended = await outcome { () async throws(DeployError) in try await confirmAndRun(run) }
        var failure: DeployError?
        switch ended {
        case .failure(let error): failure = error
        case .success(let ran):
            failure = ran.failure
            var document = ran.document
            if plan.rollbackOnFailure, let failed = ran.failure, case .verificationFailed = failed {
                let (ended, rollback) = await rollBackFailed(run, ran.verifications, after: failed)
                failure = ended
                document?.rollback = rollback
            }
            if let document { reporter.document(document.json) }
        }
        await run.shared?.release()
        if let failure {
            // A deploy that was summed up ends with its outcome on stdout, failed or not (`deployed <sha>`).
            reporter.result("failed: " + failure.headline)
            throw failure
        }
    }

    /// How the steps and the verification of a run ended, and (with --output json) its document, not yet written.
    struct Ran: Sendable {
        var verifications: [Verification]
        var failure: DeployError?
        var document: DeployDocument?
    }

    /// The typed `y`, then the steps and the verification.
    private func confirmAndRun(_ run: Run) async throws(DeployError) -> Ran {
        if !plan.assumeYes { try prompt.confirm(question(run.release, run.deployment)) }
        // From here a first Ctrl-C is seen rather than obeyed at once, so the deploy is still summed up and recorded.
        children.hold()
        defer { children.release() }
        run.shared?.startHeartbeat(every: lockTiming.heartbeat)
        return await runSteps(run)
    }

    /// The steps and the verification, recorded however they end.
    func runSteps(_ run: Run) async -> Ran {
        let release = run.release
        await recordStart(run)
        let began = Date()
        var (outcomes, failure) = await executor(for: run).run(release.steps)
        var verifications: [Verification] = []
        if failure == nil, let checks = release.checks {
            let applied = outcomes.first { $0.step.phase == .apply }.map { began.addingTimeInterval($0.started) }
            (verifications, failure) = await verify(
                checks, run.session, watch: run.plan.plan?.hasChanges != false, since: applied ?? Date())
        }
        let document = await close(run, outcomes, verifications, failure)
        if failure == nil {
            reporter.result(
                plan.mode == .rollback
                    ? "rolled back \(release.images.map { "\($0.service) to \($0.tag)" }.joined(separator: ", "))"
                    : "deployed \(release.tag)")
        }
        return Ran(verifications: verifications, failure: failure, document: document)
    }

    /// The walk of this run: it stops when the shared lock is taken over or the plan fails; the plan made with
    /// the builds is read and checked when it ends, and an apply with nothing to apply is skipped.
    private func executor(for run: Run) -> Executor {
        var executor = Executor(
            runner: run.session.runner, reporter: reporter, children: children,
            concurrency: plan.concurrency, live: board(run.release.steps))
        let (shared, state) = (run.shared, run.plan)
        executor.halt = { shared?.loss ?? state.failure }
        executor.review = { [self] step, _ in
            guard step.phase == .plan, let apply = run.release.apply else { return nil }
            let reviewed = await outcome { () async throws(DeployError) in
                try await review(apply, run.release, run.session)
            }
            state.record(reviewed)
            if case .success(let planned) = reviewed {
                reporter.note(TerraformPlanText.lines(planned, run.release).joined(separator: "\n"))
            }
            if case .failure(let error) = reviewed { return error }
            return nil
        }
        executor.skips = { step in step.phase == .apply && state.plan?.hasChanges == false }
        return executor
    }

    private func showDryRun(_ release: Release, _ deployment: Deployment, _ planned: TerraformPlan?) {
        reporter.result(DryRunText.dryRun(release))
        guard plan.json else { return }
        var summary = DeployDocument(
            release: release, outcomes: [], notRun: release.steps,
            seconds: Date().timeIntervalSince(deployment.started), error: nil, result: .dryRun)
        summary.planned = (release.stepsWithPlan + (release.checks?.commands ?? [])).map(\.action.rendered)
        summary.terraform = planned.map { TerraformPlanText.document($0) }
        reporter.document(summary.json)
    }

    /// After a successful apply: is the new code serving? A service that is not is a failed deploy.
    private func verify(_ checks: Expectations, _ session: Session, watch: Bool, since: Date) async
        -> ([Verification], DeployError?)
    {
        let verifier = Verifier(
            runner: session.runner, reporter: reporter, children: children, cache: session.cache,
            live: board(checks.steps))
        switch await outcome({ () async throws(DeployError) in
            try await verifier.verify(checks, watch: watch, since: since)
        }) {
        case .success(let results):
            let problems = results.compactMap { result in
                result.problem.map {
                    VerificationProblem(line: $0, why: result.diagnosis.map(DiagnosisText.lines) ?? [])
                }
            }
            return (results, problems.isEmpty ? nil : .verificationFailed(problems, next: nextStep()))
        case .failure(let error):
            if case .interrupted = error {
                reporter.note(
                    "deploy: terraform was applied; ECS goes on rolling without deploy watching it: see deploy "
                        + "status, and deploy history for the tags that ran before"
                )
            }
            return ([], error)
        }
    }

    private func question(_ release: Release, _ deployment: Deployment) -> String {
        let account = deployment.account.map { "account \($0.id) (\($0.region))" } ?? "this account"
        return plan.mode == .rollback
            ? "Roll back \(release.images.count) service(s) in \(account)?"
            : "Deploy \(release.tag) to \(account)?"
    }

    /// On a terminal (and not --quiet or --verbose): the live board for these steps.
    private func board(_ steps: [Step]) -> LiveStatus? {
        !plan.quiet && !plan.verbose && LiveStatus.wanted(environment: environment)
            ? LiveStatus(steps: steps, write: { [reporter] in reporter.raw($0) }) : nil
    }

    /// What the operator can do when the new code is not serving.
    private func nextStep() -> String {
        let varFile = plan.varFile ?? "tfvars/<env>.tfvars"
        if plan.mode == .rollback {
            return
                "the rollback did not settle either: read the ECS service events, or pick another tag with deploy "
                + "rollback --var-file \(varFile) --to <sha> (see deploy history)"
        }
        return "to return to the tags that ran before, run: deploy rollback --var-file \(varFile)"
    }
}
