import Foundation

/// A workspace's deploy history, where it is kept: the team's in the deploy bucket when terraform names one, else
/// this clone's file.
struct History: Sendable {
    /// How far back `deploy rollback` and `deploy status` read the shared history.
    static let depth = 200

    let records: [HistoryRecord]
    /// Where it was read, for messages.
    let source: String
    /// Whether every operator's deploys are in it.
    let shared: Bool
    /// The records that could not be read (a bucket key, or a file's line), left out.
    var unreadable: [String] = []

    /// Oldest first.
    static func read(_ opened: Opened, limit: Int = depth) async throws(DeployError) -> History {
        guard let (store, place) = opened.objects else {
            let file = HistoryFile(gitDirectory: opened.workspace.gitDirectory, workspace: opened.target.workspaceName)
            let (records, unreadable) = file.read()
            return History(records: records, source: file.url.path, shared: false, unreadable: unreadable)
        }
        let page = try await SharedHistory(store: store, place: place).newest(limit)
        return History(
            records: page.records, source: "s3://\(place.bucket)/\(place.historyPrefix)", shared: true,
            unreadable: page.unreadable)
    }

    /// One warning line naming what could not be read, when something could not.
    static func warning(_ unreadable: [String]) -> String? {
        guard !unreadable.isEmpty else { return nil }
        let named = unreadable.prefix(3).map { Inert.field($0, limit: 120) }.joined(separator: ", ")
        let more = unreadable.count > 3 ? " (+\(unreadable.count - 3) more)" : ""
        return
            "deploy: warning: \(unreadable.count) history record(s) could not be read and are left out: \(named)\(more)"
    }

    /// Read alongside the other reads.
    static func reading(_ opened: Opened) -> Task<Result<[HistoryRecord], DeployError>, Never> {
        Task { await outcome { () async throws(DeployError) in try await read(opened).records } }
    }
}
