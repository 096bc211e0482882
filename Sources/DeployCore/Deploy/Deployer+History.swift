import Foundation

extension Deployer {
    /// `deploy history`: the recorded deploys, newest first, of one workspace (`--workspace`, or the
    /// var-file's), or of every workspace. Reads one file; needs no AWS account.
    public func history() async throws(DeployError) {
        let directory = plan.directory.map { URL(fileURLWithPath: $0, relativeTo: currentDirectory).standardizedFileURL } ?? currentDirectory
        let runner = makeRunner(environment, directory)
        guard let path = try await runner.answer(Git.gitDirectory()), !path.isEmpty else {
            throw .usage("\(directory.path) is not inside a git repository: run deploy history from the platform checkout or pass -C <dir>")
        }
        let gitDirectory = URL(fileURLWithPath: path)
        let workspace = plan.workspace ?? plan.varFile.map(Preflight.workspaceName(varFile:))
        let files = workspace.map { [HistoryFile(gitDirectory: gitDirectory, workspace: $0)] } ?? HistoryFile.all(gitDirectory: gitDirectory)
        // Newest first: a file is in the order its deploys ended; several are merged by time.
        let records = (files.count == 1 ? files[0].records() : files.flatMap { $0.records() }.sorted { $0.time < $1.time })
            .reversed().prefix(plan.historyLimit)
        if plan.json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            reporter.document(String(decoding: (try? encoder.encode(Array(records))) ?? Data("[]".utf8), as: UTF8.self))
        } else {
            reporter.result(HistoryText.table(Array(records)))
        }
    }
}
