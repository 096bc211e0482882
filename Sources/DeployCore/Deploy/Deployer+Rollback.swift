import Foundation

extension Deployer {
    /// `deploy rollback`: the services of the last successful deploy (or `--services`) back to the tags
    /// they ran before it (or `--to`). Nothing is built: every tag must already be in ECR, or nothing
    /// changes. The apply rolls only those services; the rollout is verified like a deploy's.
    func rollBack() async throws(DeployError) {
        let started = Date()
        try Preflight.requireTools(["git", "terraform", "aws"], path: environment["PATH"])
        let workspace = try await Workspace.open(plan: plan, environment: environment, currentDirectory: currentDirectory,
                                                 prompt: prompt, makeRunner: makeRunner)
        let queries = Queries(runner: workspace.runner, reporter: reporter)
        let early = Task { [environment] in
            await outcome { () async throws(DeployError) in try await queries.account(profile: workspace.profile, environment: environment) }
        }
        let (head, facts, terraformWorkspace) = try await readTerraform(workspace, queries)
        let history = HistoryFile(gitDirectory: workspace.gitDirectory, workspace: terraformWorkspace ?? "default")
        let targets = try RollbackTargets.resolve(history: history.records(), services: plan.services, to: plan.rollbackTo,
                                                  file: history.url.path)
        let who = try await early.value.get()
        let live = try await ChangeReader(workspace: workspace, reporter: reporter).liveTags(facts: facts)
        var inputs = inputs(workspace, facts: facts, tag: head)
        inputs.plan.services = workspace.services.filter { targets[$0] != nil } + targets.keys.filter { !workspace.services.contains($0) }.sorted()
        inputs.rollbackTags = targets
        inputs.keepTags = live.filter { targets[$0.key] == nil }
        let release = try Release(resolving: inputs)
        let present = try await RegistryCheck(runner: workspace.runner).present(release.images)
        let missing = release.images.filter { !present.contains($0.service) }
        if !missing.isEmpty {
            throw .refused("not rolling back: \(missing.map { "\($0.service):\($0.tag)" }.joined(separator: ", ")) not in ECR, and a rollback never builds; nothing was changed. Pick a tag that deploy history shows as deployed")
        }
        try await Preflight(plan: plan, workspace: workspace, release: release, environment: environment).run()
        reporter.result(PlanText.summary(release, account: who, workspace: terraformWorkspace, previous: live))
        try await carryOut(release, Context(workspace: workspace, account: who, terraformWorkspace: terraformWorkspace,
                                            previousTags: live, started: started))
    }
}
