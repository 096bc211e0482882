import Foundation

extension Deployer {
    /// `deploy rollback`: the services of the last successful deploy (or `--services`) back to the tags
    /// they ran before it (or `--to`). Nothing is built: every tag must already be in ECR, or nothing
    /// changes. The apply rolls only those services; the rollout is verified like a deploy's.
    func rollBack() async throws(DeployError) {
        let opening = try await open(readsAccountEarly: true)
        let history = HistoryFile(gitDirectory: opening.workspace.gitDirectory, workspace: opening.terraformWorkspace ?? "default")
        let who = try await opening.account(environment: environment)
        let live = try await ChangeReader(workspace: opening.workspace, reporter: reporter).liveTags(facts: opening.facts)
        let targets = try RollbackTargets.resolve(history: history.records(), services: plan.services, to: plan.rollbackTo,
                                                  live: live, file: history.url.path)
        var inputs = inputs(opening)
        inputs.plan.services = opening.workspace.services.filter { targets[$0] != nil }
            + targets.keys.filter { !opening.workspace.services.contains($0) }.sorted()
        inputs.rollbackTags = targets
        inputs.keepTags = live.filter { targets[$0.key] == nil }
        let release = try Release(resolving: inputs)
        let present = try await RegistryCheck(runner: opening.workspace.runner).present(release.images)
        let missing = release.images.filter { !present.contains($0.service) }
        if !missing.isEmpty {
            throw .refused("not rolling back: \(missing.map { "\($0.service):\($0.tag)" }.joined(separator: ", ")) not in ECR, and a rollback never builds; nothing was changed. Pick a tag that deploy history shows as deployed")
        }
        try await Preflight(plan: plan, workspace: opening.workspace, release: release, environment: environment).run()
        reporter.result(PlanText.summary(release, account: who, workspace: opening.terraformWorkspace, previous: live))
        try await carryOut(release, Context(opening, account: who, previousTags: live))
    }
}
