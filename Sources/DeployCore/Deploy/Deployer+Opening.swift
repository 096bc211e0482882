import Foundation

extension Deployer {
    /// What a deploy and a rollback read before deciding anything: the workspace, HEAD, terraform's
    /// outputs (trusted only after the workspace check) and, alongside, the AWS account.
    struct Opening: Sendable {
        let workspace: Workspace
        let head: String
        let facts: EnvironmentFacts
        let terraformWorkspace: String?
        let started: Date
        let queries: Queries
        let early: Task<Result<Account, DeployError>, Never>?

        /// The caller's account: the one read alongside, else read now.
        func account(environment: [String: String]) async throws(DeployError) -> Account {
            if let early { return try await early.value.get() }
            return try await queries.account(profile: workspace.profile, environment: environment)
        }
    }

    /// `readsAccountEarly`: false for --changed, which may find nothing to deploy and stop first.
    func open(readsAccountEarly: Bool) async throws(DeployError) -> Opening {
        let started = Date()
        try Preflight.requireTools(["git", "terraform", "aws"], path: environment["PATH"])
        let workspace = try await Workspace.open(plan: plan, environment: environment, currentDirectory: currentDirectory,
                                                 prompt: prompt, makeRunner: makeRunner)
        let queries = Queries(runner: workspace.runner, reporter: reporter)
        let early = !readsAccountEarly ? nil : Task { [environment] in
            await outcome { () async throws(DeployError) in try await queries.account(profile: workspace.profile, environment: environment) }
        }
        let (head, facts, terraformWorkspace) = try await readTerraform(workspace, queries)
        return Opening(workspace: workspace, head: head, facts: facts, terraformWorkspace: terraformWorkspace, started: started,
                       queries: queries, early: early)
    }

    /// The resolver's inputs for this plan at HEAD.
    func inputs(_ opening: Opening) -> Release.Inputs {
        var inputs = Release.Inputs(plan: plan, config: opening.workspace.config, services: opening.workspace.services,
                                    facts: opening.facts, tag: opening.head, varFile: opening.workspace.varFile?.path,
                                    color: isatty(STDERR_FILENO) != 0 && environment["NO_COLOR"] == nil)
        inputs.exposesDocs = VarFileFacts.exposesAPIDocs(file: opening.workspace.varFile)
        return inputs
    }
}
