import Foundation

extension DeployContext {
    /// The repository (from `-C` or the current folder), its contract and services, the var-file and the AWS
    /// profile (the menu, when none was named); checked before any child that could change something starts.
    /// `services`, when named, must be the repository's.
    func openWorkspace(_ options: TargetOptions, services: [String]? = nil) async throws(DeployError) -> Workspace {
        let probe = runner(in: directory)
        let root = try await Workspace.repositoryRoot(from: directory, runner: probe)
        let config = try PlatformConfig.load(repositoryRoot: root)
        let found = try ServiceDiscovery.services(in: root, config: config)
        _ = try Deployment.select(services, from: found, independent: config.independent)
        var varFile: URL?
        if let path = options.varFile {
            let terraformDir = root.appendingPathComponent(config.terraformDir)
            varFile = try Workspace.resolve(varFile: path, from: directory, terraformDir: terraformDir)
        }
        // In CI the credentials are the job's (the default chain); on a laptop the operator picks a profile.
        var profile = options.profile
        if profile == nil && ci == nil { profile = try chooseProfile() }
        let gitDirectory = try await Workspace.gitDirectory(runner: probe) ?? root.appendingPathComponent(".git")
        return Workspace(
            root: root, gitDirectory: gitDirectory, config: config, services: found, varFile: varFile,
            profile: profile)
    }

    /// The workspace, then HEAD's short SHA and terraform's outputs (`Opened.read`).
    func open(_ options: TargetOptions, services: [String]? = nil) async throws(DeployError) -> Opened {
        try await Opened(workspace: try await openWorkspace(options, services: services), context: self)
            .read(expecting: options.workspace)
    }

    /// The menu of the operator's profiles, when no `--profile` was given.
    private func chooseProfile() throws(DeployError) -> String {
        try prompt.chooseProfile(
            from: AWSProfiles.names(environment: environment),
            default: environment["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 })
    }
}

/// A workspace opened: what was read of it (the target, once read), and how to read more: the runner in its
/// checkout with the AWS profile, the readers over it, and the task definition cache under its git folder.
struct Opened: Sendable {
    let workspace: Workspace
    let runner: any CommandRunner
    let cache: TaskDefinitionCache
    let reporter: Reporter
    let environment: [String: String]
    /// HEAD and terraform's outputs, once read.
    private(set) var target: Target

    init(workspace: Workspace, context: DeployContext) {
        self.workspace = workspace
        runner = context.runner(in: workspace.root, profile: workspace.profile)
        cache = TaskDefinitionCache(file: workspace.taskDefinitionCacheFile)
        reporter = context.reporter
        environment = context.environment
        target = Target(workspace: workspace, head: "", facts: EnvironmentFacts())
    }

    /// HEAD's short SHA and terraform's outputs, read together; the selected terraform workspace is checked against
    /// the var-file (or `expected`, the `--workspace` named) before any output is used.
    func read(expecting expected: String?) async throws(DeployError) -> Opened {
        let (reader, terraformDir) = (reader, workspace.config.terraformDir)
        async let head = outcome { () async throws(DeployError) in try await reader.shortHead() }
        async let facts = outcome { () async throws(DeployError) in
            try await reader.environmentFacts(terraformDir: terraformDir)
        }
        let selected = try await reader.terraformWorkspace(terraformDir: terraformDir)
        try Preflight.checkWorkspace(
            selected, expected: expected, varFile: workspace.varFile, terraformDir: terraformDir)
        var opened = self
        opened.target = Target(
            workspace: workspace, head: try await head.get(), facts: try await facts.get(), terraformWorkspace: selected
        )
        return opened
    }

    /// Another environment of this checkout (`deploy promote --from`): terraform's outputs of its workspace, read
    /// through TF_WORKSPACE without selecting it; `head` as read for the environment it is compared with.
    func reading(workspace name: String, head: String) async throws(DeployError) -> Opened {
        let facts = try await reader.environmentFacts(terraformDir: workspace.config.terraformDir, workspace: name)
        var opened = self
        opened.target = Target(workspace: workspace, head: head, facts: facts, terraformWorkspace: name)
        return opened
    }

    /// git, terraform output, aws sts.
    var reader: EnvironmentReader { EnvironmentReader(runner: runner, reporter: reporter) }

    /// What ECS runs and what changed since.
    var changes: ChangeReader { ChangeReader(runner: runner, reporter: reporter, cache: cache) }

    /// The AWS caller, for the summary, the lock and the history.
    func account() async throws(DeployError) -> Account {
        try await reader.account(profile: workspace.profile, environment: environment)
    }

    /// The deploy bucket's objects, through this workspace's runner; nil without a `deploy_bucket` output.
    var objects: (ObjectStore, DeployBucket)? {
        target.bucket.map { place in
            let scratch = DeployFolder.scratch("objects")
            return (ObjectStore(runner: runner, bucket: place.bucket, scratch: scratch), place)
        }
    }
}
