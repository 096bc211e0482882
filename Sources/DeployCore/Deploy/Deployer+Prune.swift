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
        let question =
            "Run `docker builder prune -af` and `docker image prune -af`? This removes the build cache and every "
            + "image no container uses; volumes are kept."
        if !plan.assumeYes && !prompt.confirm(question) { throw .declined }
        let runner = makeRunner(environment, currentDirectory)
        let (_, failure) = await Executor(runner: runner, reporter: reporter, children: children, retry: .none).run(
            steps)
        if let failure { throw failure }
        reporter.result("pruned the docker build cache and unused images")
    }
}
