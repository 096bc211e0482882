import Foundation

extension Deployer {
    /// `deploy history`: the recorded deploys, newest first, of one workspace (`--workspace`, or the
    /// var-file's), or of every workspace. Reads one file; needs no AWS account.
    public func history() async throws(DeployError) {
        guard let gitDirectory = try await commonGitDirectory() else {
            throw .usage(
                "\(startDirectory.path) is not inside a git repository: run deploy history from the platform "
                    + "checkout or pass -C <dir>"
            )
        }
        let workspace = plan.workspace ?? plan.varFile.map(Preflight.workspaceName(varFile:))
        let files =
            workspace.map { [HistoryFile(gitDirectory: gitDirectory, workspace: $0)] }
            ?? HistoryFile.all(gitDirectory: gitDirectory)
        // Newest first: a file is in the order its deploys ended; several are merged by time.
        let records =
            (files.count == 1 ? files[0].records() : files.flatMap { $0.records() }.sorted { $0.time < $1.time })
            .reversed().prefix(plan.historyLimit)
        if plan.json {
            reporter.document(JSONText.document(Array(records), fallback: "[]"))
        } else {
            reporter.result(HistoryText.table(Array(records)))
        }
    }

    /// The repository's common git folder (where the locks and the history live); nil outside a repository.
    func commonGitDirectory() async throws(DeployError) -> URL? {
        try await Workspace.gitDirectory(runner: makeRunner(environment, startDirectory))
    }
}
