import Foundation

/// What `deploy prune` is asked: whether to ask first, and the profile that reads the shared locks.
struct PruneOptions: Equatable, Sendable {
    var assumeYes = false
    var profile: String?
}

/// `deploy prune`: the two safe clean-up commands of the runbook, after a confirmation. Inside the platform
/// checkout it takes every workspace's lock first: pruning under a running deploy would remove the images it is
/// building.
struct PruneCommand: Sendable {
    let options: PruneOptions
    let context: DeployContext

    func run() async throws(DeployError) {
        let steps = [
            Step(.prune, "build cache", .run(Docker.pruneBuildCache())),
            Step(.prune, "images", .run(Docker.pruneImages())),
        ]
        try context.requireOperator(unless: options.assumeYes)
        try context.requireTools(["docker"])
        let gitDirectory = try await context.gitDirectory()
        let locks = try DeployLock.acquireAll(gitDirectory: gitDirectory, reporter: context.reporter)
        defer { for lock in locks { lock.release() } }
        if let gitDirectory { try await checkSharedLock(gitDirectory: gitDirectory) }
        let question =
            "Run `docker builder prune -af` and `docker image prune -af`? This removes the build cache and every "
            + "image no container uses; volumes are kept."
        if !options.assumeYes { try context.prompt.confirm(question) }
        let executor = Executor(
            runner: context.runner(in: context.directory), reporter: context.reporter, children: context.children,
            retry: .none)
        let (_, failure) = await executor.run(steps)
        if let failure { throw failure }
        context.reporter.result("pruned the docker build cache and unused images")
        if context.style.json { context.reporter.document(JSONText.document(["result": "pruned"])) }
    }

    /// A deploy from another clone on this machine uses the same docker, and only its shared lock says so (each
    /// clone has its own local one): refuse while it names this host and beats.
    private func checkSharedLock(gitDirectory: URL) async throws(DeployError) {
        guard
            let (store, place) = try await context.teamBucket(
                workspace: nil, gitDirectory: gitDirectory, profile: options.profile)
        else { return }
        switch await outcome({ () async throws(DeployError) in try await store.get(place.lockKey) }) {
        case .failure(let error):
            context.reporter.note(
                "deploy: warning: could not read \(place.lockURL) (\(error.message)): a deploy from another clone on "
                    + "this machine would not be seen")
        case .success(let found):
            guard let holder = found.flatMap({ LockHolder.decode($0.body) }),
                holder.host == ProcessInfo.processInfo.hostName,
                case .refuse = LockVerdict.judge(holder, now: Date(), staleAfter: context.lockTiming.staleAfter)
            else { return }
            throw .locked(
                "a deploy from this machine holds workspace '\(place.workspace)' (\(place.lockURL)): "
                    + "\(holder.description). Wait for it to finish: pruning now would remove the images it builds")
        }
    }
}
