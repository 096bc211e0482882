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

    /// Oldest first.
    static func read(_ opened: Opened, limit: Int = depth) async throws(DeployError) -> History {
        guard let (store, place) = opened.objects else {
            let file = HistoryFile(gitDirectory: opened.workspace.gitDirectory, workspace: opened.target.workspaceName)
            return History(records: file.records(), source: file.url.path, shared: false)
        }
        let records = try await SharedHistory(store: store, place: place).newest(limit).map(\.record)
        return History(records: records, source: "s3://\(place.bucket)/\(place.historyPrefix)", shared: true)
    }

    /// Read alongside the other reads.
    static func reading(_ opened: Opened) -> Task<Result<[HistoryRecord], DeployError>, Never> {
        Task { await outcome { () async throws(DeployError) in try await read(opened).records } }
    }
}
