import Foundation

/// The team's deploy history, in the environment's deploy bucket: one object per deploy, written when it
/// begins (`started`) and overwritten when it ends, so that no two writers ever touch one object; listed
/// by key (keys sort by time) and read in one call.
struct SharedHistory: Sendable {
    let store: ObjectStore
    let place: DeployBucket

    func write(_ record: HistoryRecord, key: String) async throws(DeployError) {
        _ = try await store.put(key, Data(record.line.utf8))
    }

    /// Some of the history: the records read (oldest first, with their keys), and the keys of those that could not
    /// be read (a writer's broken object), which are left out.
    struct Page: Sendable {
        var entries: [(key: String, record: HistoryRecord)]
        var unreadable: [String]

        var records: [HistoryRecord] { entries.map(\.record) }
    }

    /// The newest `limit` records, oldest first (the order of a history file), with their keys. A deploy
    /// that began and holds no lock any more is `unfinished`; one that still holds it stays `started`.
    func newest(_ limit: Int) async throws(DeployError) -> Page {
        let keys = Array(try await store.keys(under: place.historyPrefix).suffix(limit))
        let store = store
        let lockKey = place.lockKey
        async let lock = outcome { () async throws(DeployError) in try await store.get(lockKey) }
        let bodies = try await store.bodies(of: keys, under: place.historyPrefix)
        let running = try await lock.get().flatMap { LockHolder.decode($0.body)?.history }
        var page = Page(entries: [], unreadable: [])
        for key in keys {
            guard let body = bodies[key] else { continue }
            guard var record = try? JSONDecoder().decode(HistoryRecord.self, from: body) else {
                page.unreadable.append(key)
                continue
            }
            if record.result == .started && key != running { record.result = .unfinished }
            page.entries.append((key, record))
        }
        return page
    }
}
