import Foundation

extension Deployer {
    /// What a deploy and a rollback start from: the resolved deployment, the session it runs in, and the AWS
    /// account, read alongside the other reads.
    struct Opening: Sendable {
        var deployment: Deployment
        let session: Session
        let environment: [String: String]
        /// The account read alongside; nil when it is read only once asked for.
        let early: Task<Result<Account, DeployError>, Never>?

        /// The caller's account: the one read alongside, else read now.
        func who() async throws(DeployError) -> Account {
            if let early { return try await early.value.get() }
            return try await session.queries.account(profile: deployment.workspace.profile, environment: environment)
        }
    }

    /// The tools every deploy reads with, the workspace, then HEAD and terraform's outputs; the account is
    /// read alongside, unless `accountLater` (--changed may find nothing to deploy and stop first).
    func open(accountLater: Bool = false) async throws(DeployError) -> Opening {
        let started = Date()
        try Preflight.requireTools(["git", "terraform", "aws"], path: environment["PATH"])
        let workspace = try await openWorkspace()
        let session = session(for: workspace)
        let early =
            accountLater
            ? nil
            : Task { [environment] in
                await outcome { () async throws(DeployError) in
                    try await session.queries.account(profile: workspace.profile, environment: environment)
                }
            }
        var deployment = try await resolve(workspace, session, started: started)
        deployment.exposesDocs = VarFileFacts.exposesAPIDocs(file: workspace.varFile)
        deployment.color = isatty(STDERR_FILENO) != 0 && environment["NO_COLOR"] == nil
        return Opening(deployment: deployment, session: session, environment: environment, early: early)
    }

    /// The repository (from `-C` or the current folder), its contract and services, the var-file and the
    /// AWS profile; checked before any child that could change something starts.
    func openWorkspace() async throws(DeployError) -> Workspace {
        let directory = try Workspace.startDirectory(plan.directory, in: currentDirectory)
        let probe = makeRunner(environment, directory)
        let root = try await Workspace.repositoryRoot(from: directory, runner: probe)
        let config = try PlatformConfig.load(repositoryRoot: root)
        let services = try ServiceDiscovery.services(in: root, config: config)
        _ = try Deployment.select(plan.services, from: services, independent: config.independent)
        var varFile: URL?
        if let path = plan.varFile {
            let terraformDir = root.appendingPathComponent(config.terraformDir)
            varFile = try Workspace.resolve(varFile: path, from: directory, terraformDir: terraformDir)
        }
        var profile = plan.profile ?? ""
        if plan.profile == nil { profile = try chooseProfile() }
        let gitDirectory = try await Workspace.gitDirectory(runner: probe) ?? root.appendingPathComponent(".git")
        return Workspace(
            root: root, gitDirectory: gitDirectory, config: config, services: services, varFile: varFile,
            profile: profile)
    }

    /// The menu of the operator's profiles, when no `--profile` was given.
    private func chooseProfile() throws(DeployError) -> String {
        try prompt.chooseProfile(
            from: AWSProfiles.names(environment: environment),
            default: environment["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 })
    }

    /// The runner for the workspace's folder, with its profile.
    func session(for workspace: Workspace) -> Session {
        let runner = makeRunner(environment.merging(["AWS_PROFILE": workspace.profile]) { $1 }, workspace.root)
        return Session(
            runner: runner, reporter: reporter, children: children,
            cache: TaskDefinitionCache(file: workspace.taskDefinitionCacheFile))
    }

    /// HEAD's short SHA and terraform's outputs, read together; the selected workspace is checked against
    /// the var-file before any output is used.
    func resolve(_ workspace: Workspace, _ session: Session, started: Date = Date()) async throws(DeployError)
        -> Deployment
    {
        let queries = session.queries
        let terraformDir = workspace.config.terraformDir
        async let tag = outcome { () async throws(DeployError) in try await queries.shortHead() }
        async let facts = outcome { () async throws(DeployError) in
            try await queries.environmentFacts(terraformDir: terraformDir)
        }
        let terraformWorkspace = try await queries.terraformWorkspace(terraformDir: terraformDir)
        try Preflight.checkWorkspace(
            terraformWorkspace, plan: plan, varFile: workspace.varFile, terraformDir: terraformDir)
        return try Deployment(
            plan: plan, workspace: workspace, head: try await tag.get(), facts: try await facts.get(),
            terraformWorkspace: terraformWorkspace, started: started)
    }
}
