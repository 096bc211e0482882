import Foundation

/// What `deploy history` is asked: whose history, how much of it, or one deploy in full.
struct HistoryOptions: Equatable, Sendable {
    var target = TargetOptions()
    /// `--limit N`.
    var limit = 20
    /// `--show N`: the Nth most recent deploy in full (1 is the last).
    var show: Int?
}

/// `deploy history`: the recorded deploys, newest first. With a deploy bucket (terraform output `deploy_bucket` of
/// the workspace: `--workspace`, the var-file's, or the selected one), the team's; else this clone's, of one
/// workspace or of all of them.
struct HistoryCommand: Sendable {
    let options: HistoryOptions
    let context: DeployContext

    func run() async throws(DeployError) {
        guard let gitDirectory = try await context.gitDirectory() else {
            throw Workspace.outsideRepository(context.directory)
        }
        let named = options.target.workspace ?? options.target.varFile.map(Preflight.workspaceName(varFile:))
        let limit = options.show ?? options.limit
        let (records, unreadable): ([HistoryRecord], [String])
        if let (store, place) = try await context.teamBucket(
            workspace: named, gitDirectory: gitDirectory, profile: options.target.profile)
        {
            let page = try await SharedHistory(store: store, place: place).newest(limit)
            (records, unreadable) = (page.records, page.unreadable)
        } else {
            (records, unreadable) = Self.clone(gitDirectory, workspace: named, limit: limit)
        }
        if let warning = History.warning(unreadable) { context.reporter.note(warning) }
        let newestFirst = Array(records.reversed())
        if let position = options.show { return try show(newestFirst, position) }
        if context.style.json {
            context.reporter.document(JSONText.document(newestFirst, fallback: "[]"))
        } else {
            context.reporter.result(HistoryText.table(newestFirst))
        }
    }

    /// This clone's records, of one workspace or of all of them (merged by time), oldest first, and the lines that
    /// could not be read.
    static func clone(_ gitDirectory: URL, workspace: String?, limit: Int) -> ([HistoryRecord], [String]) {
        let files =
            workspace.map { [HistoryFile(gitDirectory: gitDirectory, workspace: $0)] }
            ?? HistoryFile.all(gitDirectory: gitDirectory)
        let read = files.map { $0.read() }
        // A file is in the order its deploys ended; several are merged by time.
        let all = read.count == 1 ? read[0].records : read.flatMap(\.records).sorted { $0.time < $1.time }
        return (Array(all.suffix(limit)), read.flatMap(\.unreadable))
    }

    /// `deploy history --show n`: one deploy in full, with why its rollouts failed.
    private func show(_ newestFirst: [HistoryRecord], _ position: Int) throws(DeployError) {
        guard position <= newestFirst.count else {
            throw .refused(
                "deploy history holds \(newestFirst.count) deploy(s) here, so there is no deploy \(position) back: "
                    + "see deploy history")
        }
        let record = newestFirst[position - 1]
        if context.style.json {
            context.reporter.document(JSONText.document(record, fallback: "{}"))
        } else {
            context.reporter.result(HistoryText.record(record))
        }
    }
}

extension DeployContext {
    /// The deploy bucket of the named workspace (or terraform's selected one), when terraform's outputs for it
    /// name one; nil when they do not, or when there is no terraform to ask. For reads outside a deploy.
    func teamBucket(workspace named: String?, gitDirectory: URL, profile: String?) async throws(DeployError)
        -> (ObjectStore, DeployBucket)?
    {
        guard let root = try? await Workspace.repositoryRoot(from: directory, runner: runner(in: directory)),
            let config = try? PlatformConfig.load(repositoryRoot: root),
            (try? ExecutableLookup.find("terraform", path: environment["PATH"])) != nil
        else { return nil }
        let runner = runner(in: root, profile: profile)
        let reader = EnvironmentReader(runner: runner, reporter: reporter)
        var selected = named
        if selected == nil { selected = try await reader.terraformWorkspace(terraformDir: config.terraformDir) }
        guard let workspace = selected,
            let facts = try? await reader.environmentFacts(terraformDir: config.terraformDir, workspace: workspace),
            let bucket = facts.deployBucket
        else { return nil }
        let scratch = DeployFolder.scratch("objects")
        return (
            ObjectStore(runner: runner, bucket: bucket, scratch: scratch),
            DeployBucket(bucket: bucket, workspace: workspace)
        )
    }
}
