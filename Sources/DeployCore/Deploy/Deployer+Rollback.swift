import Foundation

extension Deployer {
    /// `deploy rollback`: the services of the last successful deploy (or `--services`) back to the tags
    /// they ran before it (or `--to`). Nothing is built: every tag must already be in ECR, or nothing
    /// changes. The apply rolls only those services; the rollout is verified like a deploy's.
    func rollBack() async throws(DeployError) {
        let opening = try await open()
        var deployment = opening.deployment
        let session = opening.session
        let who = try await opening.who()
        deployment.account = who
        let live = try await session.changes.liveTags(deployment.target)
        let history = try await readHistory(deployment, session)
        let targets = try RollbackTargets.resolve(
            history: history.records, services: plan.services, to: plan.rollbackTo,
            live: live, file: history.source, shared: deployment.bucket != nil)
        deployment.rollBack(to: targets, live: live)
        var release = try Release(resolving: deployment)
        defer { removePlan(release) }
        let planning = try planRead(release, session)
        let missing = try await missingFromRegistry(release, session)
        if !missing.isEmpty {
            throw .refused(
                "not rolling back: \(missing.map { "\($0.service):\($0.tag)" }.joined(separator: ", ")) not in ECR, "
                    + "and a rollback never builds; nothing was changed. Pick a tag that deploy history shows as "
                    + "deployed"
            )
        }
        try await Preflight(
            plan: plan, workspace: deployment.workspace, release: release, runner: session.runner,
            environment: environment
        ).run()
        let planned = try await planned(planning, &release)
        reporter.result(ReleaseText.text(release, deployment, account: who, plan: planned))
        try await carryOut(release, deployment, session, planned: planned)
    }

    /// A rollback's images whose tag ECR does not hold: a rollback never builds, so any of them refuses it.
    func missingFromRegistry(_ release: Release, _ session: Session) async throws(DeployError) -> [Release.Image] {
        let present = try await RegistryReader(runner: session.runner).present(release.images)
        return release.images.filter { !present.contains($0.service) }
    }
}
