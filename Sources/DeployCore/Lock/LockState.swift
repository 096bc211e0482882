import Foundation

/// Who holds a workspace's lock now, as `deploy status` says it: read, never taken.
enum LockState: Equatable, Sendable {
    case free(place: String)
    /// `by`: the holder, shown inert; `age`: seconds since its heartbeat (the team's lock).
    case held(by: String, age: Double?, place: String)
    /// The lock's object does not say who holds it.
    case unreadable(place: String)

    /// The team's lock in the deploy bucket.
    static func shared(_ store: ObjectStore, _ place: DeployBucket, now: Date = Date()) async throws(DeployError)
        -> LockState
    {
        guard let (body, _) = try await store.get(place.lockKey) else { return .free(place: place.lockURL) }
        guard let holder = LockHolder.decode(body) else { return .unreadable(place: place.lockURL) }
        return .held(by: holder.description, age: holder.heartbeatAge(now: now), place: place.lockURL)
    }

    /// This clone's lock: its file names the holder while held (a lock let go leaves it empty); a holder on this
    /// machine whose process is gone holds nothing.
    static func clone(gitDirectory: URL, workspace: String) -> LockState {
        let file = DeployFolder.file("lock-\(workspace).json", in: gitDirectory)
        let place = "this clone's lock (\(file.lastPathComponent))"
        guard let holder = DeployLock.holder(file) else { return .free(place: place) }
        if holder.host == ProcessInfo.processInfo.hostName && kill(holder.pid, 0) != 0 && errno == ESRCH {
            return .free(place: place)
        }
        return .held(by: DeployLock.describe(holder), age: nil, place: place)
    }
}
