import Foundation

/// What `deploy promote` is asked: the environment to promote into (`--var-file`), the one whose images it takes
/// (`--from`, read with `--from-profile`), which services (default: all), and how to run and verify it.
struct PromoteOptions: Equatable, Sendable {
    var target = TargetOptions()
    var source = TargetOptions()
    var release = ReleaseOptions(mode: .promote)
    var allowRollback = false
    var settings = ReleaseRun.Settings()
}

/// `deploy promote`: each service at the tag another environment runs, the very image (by digest): the ones this
/// environment's registry lacks are copied registry to registry (skopeo), their digests checked against the
/// source's, then the apply rolls only the services whose tag changes, verified as a deploy's (the running tasks'
/// digests too). Nothing is built. The source must run each image steady and its history vouch for it.
struct PromoteCommand: Sendable {
    let options: PromoteOptions
    let context: DeployContext

    func run() async throws(DeployError) {
        try context.requireOperator(unless: options.settings.assumeYes || options.settings.dryRun)
        try context.requireTools(["git", "terraform", "aws", "skopeo"])
        let unread = Opened(
            workspace: try await context.openWorkspace(options.target, services: options.release.services),
            context: context)
        async let account = outcome { () async throws(DeployError) in try await unread.account() }
        let opened = try await unread.read(expecting: options.target.workspace)
        let source = try await PromotionReading(context: context, options: options).source(of: opened)
        let services = options.release.services ?? opened.workspace.services
        let (read, target) = try await PromotionReading(context: context, options: options).read(
            services, source: source, target: opened)
        let (tags, promotion): ([String: String], Promotion)
        switch PromotionGuard.resolve(services, source: read, target: target, allowRollback: options.allowRollback) {
        case .failure(let refusal): throw refusal
        case .success(let resolved): (tags, promotion) = resolved
        }
        guard !tags.isEmpty else {
            return context.reporter.result(
                "nothing to promote: \(target.name) already runs what \(read.name) runs, by digest "
                    + "(\(promotion.images.map { "\($0.service) \($0.tag)" }.joined(separator: ", ")))")
        }
        var deployment = try Deployment(options: releaseOptions(tags), target: opened.target)
        (deployment.color, deployment.account) = (context.style.color, try await account.get())
        deployment.rollBack(to: tags, live: target.live.compactMapValues(\.tag))
        let prepared = ExistingImagesRelease(
            context: context, opened: opened, allowDestroy: options.settings.allowDestroy)
        let (release, planned) = try await prepared.prepare(
            deployment, recovering: false, promotion: (promotion, present: target.digests))
        defer { PlanMaker.remove(release) }
        try await ReleaseRun(
            context: context, opened: opened, deployment: deployment, release: release, settings: options.settings,
            planned: planned
        ).carryOut()
    }

    private func releaseOptions(_ tags: [String: String]) -> ReleaseOptions {
        var release = options.release
        release.services = tags.keys.sorted()
        return release
    }
}

/// The reads a promote decides on: the source environment (its outputs through its own terraform workspace, what
/// its ECS services run and whether they are steady, its registry's digests, its history), and in the target what
/// runs, what its registry holds under the source's tags, and where its live commits stand against them.
struct PromotionReading: Sendable {
    let context: DeployContext
    let options: PromoteOptions

    /// The source environment, opened in the same checkout with its profile: its workspace is its var-file's name.
    func source(of target: Opened) async throws(DeployError) -> Opened {
        guard let path = options.source.varFile else { throw .usage("deploy promote needs --from tfvars/<env>.tfvars") }
        let workspace = target.workspace
        let terraformDir = workspace.root.appendingPathComponent(workspace.config.terraformDir)
        let varFile = try Workspace.resolve(varFile: path, from: context.directory, terraformDir: terraformDir)
        let name = varFile.deletingPathExtension().lastPathComponent
        guard name != target.target.workspaceName else {
            throw .usage("--from \(path) is the environment promoted into: name another one")
        }
        let source = Workspace(
            root: workspace.root, gitDirectory: workspace.gitDirectory, config: workspace.config,
            services: workspace.services, varFile: varFile, profile: options.source.profile ?? workspace.profile)
        return try await Opened(workspace: source, context: context).reading(workspace: name, head: target.target.head)
    }

    func read(_ services: [String], source: Opened, target: Opened) async throws(DeployError)
        -> (PromotionGuard.Source, PromotionGuard.Target)
    {
        async let sourceRead = outcome { () async throws(DeployError) in try await readSource(services, source) }
        let live = try await target.changes.live(target.target, cluster: try cluster(target))
        let read = try await sourceRead.get()
        var found = PromotionGuard.Target(name: target.target.workspaceName, live: live)
        let urls = Self.repositories(services, target.target.facts)
        found.repositories = urls.mapValues(Names.repositoryName)
        let images = Self.images(services, runs: read.live, in: urls)
        async let digests = outcome { () async throws(DeployError) in
            try await RegistryReader(runner: target.runner).digests(images)
        }
        (found.relations, found.unknownTags) = try await ancestry(images, live: live, runner: target.runner)
        found.digests = try await digests.get()
        return (read, found)
    }

    /// Where each live commit stands against the promoted one, asked once per promoted tag (usually one for all);
    /// and the promoted tags this clone does not know (their ancestry cannot be told).
    private func ancestry(_ images: [Release.Image], live: [String: LiveState], runner: any CommandRunner)
        async throws(DeployError) -> ([String: CommitRelation], Set<String>)
    {
        var (relations, unknown) = ([String: CommitRelation](), Set<String>())
        for (tag, promoted) in Dictionary(grouping: images, by: \.tag) {
            let commits = Set(promoted.compactMap { live[$0.service]?.commit }.filter { $0 != tag })
            guard !commits.isEmpty else { continue }
            guard try await runner.answer(Git.verifyCommit(tag)) != nil else {
                unknown.insert(tag)
                continue
            }
            let found = try await AncestryReader(runner: runner).relations(of: commits, to: tag)
            for image in promoted {
                relations[image.service] = live[image.service]?.commit.flatMap { found[$0] }
            }
        }
        return (relations, unknown)
    }

    private func readSource(_ services: [String], _ source: Opened) async throws(DeployError) -> PromotionGuard.Source {
        async let history = outcome { () async throws(DeployError) in try await History.read(source).records }
        let facts = source.target.facts
        var read = PromotionGuard.Source(
            name: source.target.workspaceName, profile: options.source.profile,
            live: try await source.changes.live(source.target, cluster: try cluster(source)))
        read.repositories = Self.repositories(services, facts)
        for service in services {
            read.unsteady[service] = source.cache.service(named: facts.ecsName(for: service))?.unsteadiness
        }
        read.digests = try await RegistryReader(runner: source.runner).digests(
            Self.images(services, runs: read.live, in: read.repositories))
        read.history = try await history.get()
        return read
    }

    /// Each service's repository URL, where terraform's outputs name one.
    private static func repositories(_ services: [String], _ facts: EnvironmentFacts) -> [String: String] {
        Dictionary(
            uniqueKeysWithValues: services.compactMap { service in
                (try? facts.repositoryURL(for: service)).map { (service, $0) }
            })
    }

    /// The image each service runs in the source (its commit tag), in the repository given for it.
    private static func images(_ services: [String], runs live: [String: LiveState], in urls: [String: String])
        -> [Release.Image]
    {
        services.compactMap { service in
            guard let tag = live[service]?.commit, let url = urls[service] else { return nil }
            return Release.Image(service: service, repositoryURL: url, tag: tag, region: "")
        }
    }

    private func cluster(_ opened: Opened) throws(DeployError) -> String {
        guard let cluster = opened.target.facts.clusterName else {
            throw .configuration(
                "terraform's workspace '\(opened.target.workspaceName)' has no ecs_cluster_name output: deploy promote "
                    + "reads what its services run")
        }
        return cluster
    }
}
