import Foundation
import Synchronization

/// One deploy per workspace across the whole team: a lock object in the environment's deploy bucket, created
/// with S3's atomic create-if-absent, renewed every minute by compare-and-swap (a swap that fails means someone
/// took it over: the deploy stops before its next step), and released by deleting only our own version. A
/// lock whose heartbeat stopped (its machine died) is taken over once it is stale, saying whose it was.
final class SharedLock: Sendable {
    struct Timing: Sendable {
        /// A heartbeat older than this is a dead deploy's.
        var staleAfter: Double = 600
        var heartbeat: Double = 60
    }

    private struct State {
        var holder: LockHolder
        var etag: String
        var loss: DeployError?
        var beating: Task<Void, Never>?
    }

    let store: ObjectStore
    let place: DeployBucket
    private let reporter: Reporter
    private let state: Mutex<State>

    private init(store: ObjectStore, place: DeployBucket, reporter: Reporter, holder: LockHolder, etag: String) {
        self.store = store
        self.place = place
        self.reporter = reporter
        state = Mutex(State(holder: holder, etag: etag))
    }

    /// Takes the lock for `holder`, or refuses naming who holds it. `unlock` is the command that removes it.
    static func acquire(
        _ holder: LockHolder, store: ObjectStore, place: DeployBucket, timing: Timing, reporter: Reporter,
        unlock: String
    ) async throws(DeployError) -> SharedLock {
        do {
            for _ in 0..<3 {
                if let etag = try await attempt(
                    holder, store: store, place: place, timing: timing, reporter: reporter,
                    unlock: unlock)
                {
                    return SharedLock(store: store, place: place, reporter: reporter, holder: holder, etag: etag)
                }
            }
        } catch .bucketUnreachable(let bucket, let said) {
            throw .locked(
                "not deploying: \(DeployError.bucketUnreachable(bucket: bucket, said: said).message); without it, "
                    + "deploy "
                    + "cannot know whether someone else is deploying. Nothing was built or changed")
        }
        throw .locked("the lock \(place.lockURL) changed hands three times while deploy tried to take it; run again")
    }

    /// One try: create it, or take over a stale one. The new ETag, or nil to look again (it changed meanwhile).
    private static func attempt(
        _ holder: LockHolder, store: ObjectStore, place: DeployBucket, timing: Timing, reporter: Reporter,
        unlock: String
    ) async throws(DeployError) -> String? {
        if case .written(let etag) = try await store.put(place.lockKey, holder.json, condition: .absent) { return etag }
        guard let (body, etag) = try await store.get(place.lockKey) else { return nil }
        switch LockVerdict.judge(LockHolder.decode(body), now: Date(), staleAfter: timing.staleAfter) {
        case .refuse(let other, let age):
            throw .locked(
                "another deploy holds workspace '\(place.workspace)' (\(place.lockURL)): \(other.description); its "
                    + "heartbeat was \(WaitTime.text(age.rounded())) ago. Wait for it to finish; if its machine "
                    + "died, the "
                    + "lock is taken over once its heartbeat is \(WaitTime.text(timing.staleAfter)) old, or remove it "
                    + "with \(unlock)")
        case .unreadable:
            throw .locked(
                "\(place.lockURL) does not say who holds it; if no deploy is running, remove it with \(unlock)")
        case .takeOver(let other, let age):
            guard case .written(let new) = try await store.put(place.lockKey, holder.json, condition: .version(etag))
            else {
                return nil
            }
            reporter.note(
                "deploy: taking over the stale lock on workspace '\(place.workspace)' of \(other.description): "
                    + "its heartbeat stopped \(WaitTime.text(age.rounded())) ago")
            return new
        }
    }

    /// Why the deploy must stop: someone took the lock over. Checked before every new step.
    var loss: DeployError? { state.withLock { $0.loss } }

    /// Renews the heartbeat every `seconds` until released.
    func startHeartbeat(every seconds: Double) {
        let task = Task { [self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(seconds))
                if Task.isCancelled { return }
                if !(await beat()) { return }
            }
        }
        state.withLock { $0.beating = task }
    }

    /// One compare-and-swap of the heartbeat; false once the lock is lost.
    private func beat() async -> Bool {
        let (holder, etag) = state.withLock { state in
            state.holder.heartbeat = DeployBucket.time(Date())
            return (state.holder, state.etag)
        }
        switch await outcome({ () async throws(DeployError) in
            try await store.put(place.lockKey, holder.json, condition: .version(etag))
        }) {
        case .success(.written(let new)):
            state.withLock { $0.etag = new }
            return true
        case .success(.conditionFailed):
            let lost = DeployError.lockLost(
                "someone took over the lock \(place.lockURL) while this deploy ran: it stopped before its next step; "
                    + "see deploy history and deploy status")
            state.withLock { $0.loss = lost }
            reporter.note("deploy: \(lost.message)")
            return false
        case .failure(let error):
            reporter.note("deploy: warning: could not renew the lock's heartbeat (\(error.message)); trying again")
            return true
        }
    }

    /// Stops the heartbeat and deletes the lock if it is still ours; never throws (the deploy is over).
    func release() async {
        let (task, etag, lost) = state.withLock { ($0.beating, $0.etag, $0.loss != nil) }
        task?.cancel()
        await task?.value
        guard !lost else { return }
        switch await outcome({ () async throws(DeployError) in try await store.delete(place.lockKey, ifMatch: etag) }) {
        case .success(true): return
        case .success(false): reporter.note("deploy: \(place.lockURL) is no longer this deploy's; left as it is")
        case .failure(let error): reporter.note("deploy: warning: could not release \(place.lockURL): \(error.message)")
        }
    }
}
