import Foundation

extension Deployer {
    /// How far back `deploy rollback` reads the shared history.
    static let rollbackDepth = 200

    /// A workspace's history, oldest first, and where it was read: the team's in the deploy bucket when
    /// terraform names one, else this clone's file.
    func readHistory(_ deployment: Deployment, _ session: Session, limit: Int = rollbackDepth) async throws(DeployError)
        -> (records: [HistoryRecord], source: String)
    {
        guard let (store, place) = objects(deployment, session) else {
            let file = HistoryFile(gitDirectory: deployment.workspace.gitDirectory, workspace: deployment.workspaceName)
            return (file.records(), file.url.path)
        }
        let records = try await SharedHistory(store: store, place: place).newest(limit).map(\.record)
        return (records, "s3://\(place.bucket)/\(place.historyPrefix)")
    }

    /// `deploy history`: the recorded deploys, newest first. With a deploy bucket (terraform output
    /// `deploy_bucket` of the workspace: `--workspace`, the var-file's, or the selected one), the team's;
    /// else this clone's, of one workspace or of all of them.
    public func history() async throws(DeployError) {
        guard let gitDirectory = try await commonGitDirectory() else {
            throw .usage(
                "\(startDirectory.path) is not inside a git repository: run deploy history from the platform "
                    + "checkout or pass -C <dir>")
        }
        let named = plan.workspace ?? plan.varFile.map(Preflight.workspaceName(varFile:))
        let limit = plan.historyShow ?? plan.historyLimit
        let records: [HistoryRecord]
        if let (store, place) = try await sharedPlace(workspace: named, gitDirectory: gitDirectory) {
            records = try await SharedHistory(store: store, place: place).newest(limit).map(\.record)
        } else {
            let files =
                named.map { [HistoryFile(gitDirectory: gitDirectory, workspace: $0)] }
                ?? HistoryFile.all(gitDirectory: gitDirectory)
            // A file is in the order its deploys ended; several are merged by time.
            let all =
                files.count == 1 ? files[0].records() : files.flatMap { $0.records() }.sorted { $0.time < $1.time }
            records = Array(all.suffix(limit))
        }
        let newestFirst = Array(records.reversed())
        if let position = plan.historyShow { return try show(newestFirst, position) }
        if plan.json {
            reporter.document(JSONText.document(newestFirst, fallback: "[]"))
        } else {
            reporter.result(HistoryText.table(newestFirst))
        }
    }

    /// `deploy history --show n`: one deploy in full, with why its rollouts failed.
    private func show(_ newestFirst: [HistoryRecord], _ position: Int) throws(DeployError) {
        guard position <= newestFirst.count else {
            throw .refused(
                "deploy history holds \(newestFirst.count) deploy(s) here, so there is no deploy \(position) back: "
                    + "see deploy history")
        }
        let record = newestFirst[position - 1]
        if plan.json {
            reporter.document(JSONText.document(record, fallback: "{}"))
        } else {
            reporter.result(HistoryText.record(record))
        }
    }

    /// The deploy bucket of the named workspace (or terraform's selected one), when terraform's outputs for it
    /// name one; nil when they do not, or when there is no terraform to ask. For reads outside a deploy.
    func sharedPlace(workspace named: String?, gitDirectory: URL) async throws(DeployError) -> (
        ObjectStore, DeployBucket
    )? {
        let directory = startDirectory
        let probe = makeRunner(environment, directory)
        guard let root = try? await Workspace.repositoryRoot(from: directory, runner: probe),
            let config = try? PlatformConfig.load(repositoryRoot: root),
            (try? ExecutableLookup.find("terraform", path: environment["PATH"])) != nil
        else { return nil }
        let runner = makeRunner(
            plan.profile.map { environment.merging(["AWS_PROFILE": $0]) { $1 } } ?? environment, root)
        let queries = EnvironmentReader(runner: runner, reporter: reporter)
        var selected = named
        if selected == nil { selected = try await queries.terraformWorkspace(terraformDir: config.terraformDir) }
        guard let workspace = selected,
            let facts = try? await queries.environmentFacts(terraformDir: config.terraformDir, workspace: workspace),
            let bucket = facts.deployBucket
        else { return nil }
        let scratch = DeployFolder.file("objects", in: gitDirectory)
        return (
            ObjectStore(runner: runner, bucket: bucket, scratch: scratch),
            DeployBucket(bucket: bucket, workspace: workspace)
        )
    }

    /// The repository's common git folder (where the locks and the history live); nil outside a repository.
    func commonGitDirectory() async throws(DeployError) -> URL? {
        try await Workspace.gitDirectory(runner: makeRunner(environment, startDirectory))
    }
}
