import Foundation

extension Deployer {
    /// `--rollback-on-failure`: the services whose verification failed go back to the tags they ran before this
    /// deploy, within the locks it holds: nothing is built, every tag is looked up in ECR first, the apply is
    /// planned, run and verified as `deploy rollback`'s, and recorded as its own deploy. The deploy fails
    /// whatever the rollback's outcome, saying both; with --output json, its document says how the rollback went.
    func rollBackFailed(_ run: Run, _ verifications: [Verification], after failure: DeployError) async
        -> (DeployError, DeployDocument.Rollback?)
    {
        let failed = verifications.filter { !$0.passed }.map(\.service)
        let targets = Dictionary(
            failed.compactMap { service in run.deployment.previousTags[service].map { (service, $0) } }
        ) {
            first, _ in first
        }
        let unknown = failed.filter { targets[$0] == nil }
        let named = targets.keys.sorted().map { "\($0) to \(targets[$0] ?? "?")" }.joined(separator: ", ")
        guard unknown.isEmpty else {
            let why = DeployError.refused(
                "what ECS ran before this deploy is not known for \(unknown.joined(separator: ", ")), so nothing was "
                    + "rolled back: pick a tag with deploy rollback --to <sha> (see deploy history)")
            return (.rolledBackAfterFailure(failure, rolledBack: failed.joined(separator: ", "), rollback: why), nil)
        }
        reporter.result("\n--rollback-on-failure: rolling back \(named)")
        var rollbackPlan = plan
        (rollbackPlan.mode, rollbackPlan.services, rollbackPlan.rollbackTo) = (.rollback, targets.keys.sorted(), nil)
        (rollbackPlan.assumeYes, rollbackPlan.rollbackOnFailure) = (true, false)
        let rollback = Deployer(
            plan: rollbackPlan, environment: environment, currentDirectory: currentDirectory, reporter: reporter,
            prompt: prompt, children: children, makeRunner: makeRunner)
        let ended = await outcome { () async throws(DeployError) in try await rollback.rollBackNow(run, targets) }
        switch ended {
        case .failure(let error):
            return (.rolledBackAfterFailure(failure, rolledBack: named, rollback: error), nil)
        case .success(let ran):
            return (
                .rolledBackAfterFailure(failure, rolledBack: named, rollback: ran.failure),
                ran.document.map(DeployDocument.Rollback.init)
            )
        }
    }

    /// The rollback itself, from what ECS runs now: the ECR check, the plan, the summary, the steps, the
    /// verification and the record.
    private func rollBackNow(_ failed: Run, _ targets: [String: String]) async throws(DeployError) -> Ran {
        let session = failed.session
        let live = try await session.changes.liveTags(failed.deployment.target)
        let deployment = try failed.deployment.rollingBack(to: targets, live: live, plan: plan)
        var release = try Release(resolving: deployment)
        defer { removePlan(release) }
        let planning = try planRead(release, session)
        let missing = try await missingFromRegistry(release, session)
        if !missing.isEmpty {
            throw .refused(
                "\(missing.map { "\($0.service):\($0.tag)" }.joined(separator: ", ")) not in ECR, and a rollback never "
                    + "builds; nothing was rolled back")
        }
        let planned = try await planned(planning, &release)
        if let account = deployment.account {
            reporter.result(ReleaseText.text(release, deployment, account: account, plan: planned))
        }
        var run = Run(release: release, deployment: deployment, session: session)
        if let planned { run.plan.record(.success(planned)) }
        run.shared = failed.shared
        run.record = deployment.bucket.map {
            $0.historyKey(started: deployment.started, sha: release.tag, nonce: DeployBucket.nonce())
        }
        return await runSteps(run)
    }
}
