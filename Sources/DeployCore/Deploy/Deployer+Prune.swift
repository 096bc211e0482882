import Foundation

extension Deployer {
    /// `deploy prune`: the two safe clean-up commands of the runbook, after a confirmation. Inside the
    /// platform checkout it takes every workspace's lock first: pruning under a running deploy would
    /// remove the images it is building.
    public func prune() async throws(DeployError) {
        let steps = [
            Step(.prune, "build cache", .run(Docker.pruneBuildCache())),
            Step(.prune, "images", .run(Docker.pruneImages())),
        ]
        try Preflight.requireTools(["docker"], path: environment["PATH"])
        let gitDirectory = try await commonGitDirectory()
        let locks = try DeployLock.acquireAll(gitDirectory: gitDirectory, reporter: reporter)
        defer { for lock in locks { lock.release() } }
        if let gitDirectory { try await checkSharedLock(gitDirectory: gitDirectory) }
        let question =
            "Run `docker builder prune -af` and `docker image prune -af`? This removes the build cache and every "
            + "image no container uses; volumes are kept."
        if !plan.assumeYes { try prompt.confirm(question) }
        let runner = makeRunner(environment, currentDirectory)
        let (_, failure) = await Executor(runner: runner, reporter: reporter, children: children, retry: .none).run(
            steps)
        if let failure { throw failure }
        reporter.result("pruned the docker build cache and unused images")
        if plan.json { reporter.document(JSONText.document(["result": "pruned"])) }
    }

    /// A deploy from another clone on this machine uses the same docker, and only its shared lock says so
    /// (each clone has its own local one): refuse while it names this host and beats.
    private func checkSharedLock(gitDirectory: URL) async throws(DeployError) {
        guard let (store, place) = try await sharedPlace(workspace: nil, gitDirectory: gitDirectory) else { return }
        switch await outcome({ () async throws(DeployError) in try await store.get(place.lockKey) }) {
        case .failure(let error):
            reporter.note(
                "deploy: warning: could not read \(place.lockURL) (\(error.message)): a deploy from another clone on "
                    + "this machine would not be seen")
        case .success(let found):
            guard let holder = found.flatMap({ LockHolder.decode($0.body) }),
                holder.host == ProcessInfo.processInfo.hostName,
                case .refuse = LockVerdict.judge(holder, now: Date(), staleAfter: lockTiming.staleAfter)
            else { return }
            throw .locked(
                "a deploy from this machine holds workspace '\(place.workspace)' (\(place.lockURL)): "
                    + "\(holder.description). Wait for it to finish: pruning now would remove the images it builds")
        }
    }
}
