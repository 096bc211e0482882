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

    /// The newest `limit` records, oldest first (the order of a history file), with their keys. A deploy
    /// that began and holds no lock any more is `unfinished`; one that still holds it stays `started`.
    func newest(_ limit: Int) async throws(DeployError) -> [(key: String, record: HistoryRecord)] {
        let keys = Array(try await store.keys(under: place.historyPrefix).suffix(limit))
        let store = store
        let lockKey = place.lockKey
        async let lock = outcome { () async throws(DeployError) in try await store.get(lockKey) }
        let bodies = try await store.bodies(of: keys, under: place.historyPrefix)
        let running = try await lock.get().flatMap { LockHolder.decode($0.body)?.history }
        return keys.compactMap { key in
            guard let body = bodies[key], var record = try? JSONDecoder().decode(HistoryRecord.self, from: body) else {
                return nil
            }
            if record.result == .started && key != running { record.result = .unfinished }
            return (key, record)
        }
    }
}
