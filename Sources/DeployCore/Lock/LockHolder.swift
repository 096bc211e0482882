import Foundation

/// Who holds a workspace's shared lock, as its object says (`deploy/<workspace>/lock.json`): enough for
/// another operator to know whom to ask, and for anyone to tell a live deploy from a dead one.
struct LockHolder: Codable, Equatable, Sendable {
    /// The AWS caller that took it.
    var arn: String
    var user: String
    var host: String
    var pid: Int32
    /// HEAD's short SHA, what it deploys.
    var sha: String
    var mode: DeployKind
    /// ISO 8601, UTC.
    var started: String
    /// Renewed every minute while the deploy runs; a lock whose heartbeat stopped long ago is stale.
    var heartbeat: String
    /// The deploy's history object, so that `deploy history` can tell a running deploy from one that died.
    var history: String?
    /// The CI run that holds it, when one does: its page is where to look.
    var run: CIRun? = nil

    /// `ops-a on laptop-7 (pid 4242, arn:...), deploying abc1234 (full) since 2026-11-29T10:00:00Z`, or the CI run
    /// with its URL: whoever wrote the object wrote these fields, so each is shown inert, on one line.
    var description: String {
        let caller = Inert.field(arn, limit: 160)
        let who =
            run.map { "\($0.description) (\(caller))" }
            ?? "\(Inert.field(user, limit: 64)) on \(Inert.field(host, limit: 64)) (pid \(pid), \(caller))"
        let since = Inert.field(started, limit: 40)
        return "\(who), deploying \(Inert.field(sha, limit: 40)) (\(mode.rawValue)) since \(since)"
    }

    func heartbeatAge(now: Date) -> Double? {
        ISO8601DateFormatter().date(from: heartbeat).map { now.timeIntervalSince($0) }
    }

    var json: Data { Data(JSONText.document(self).utf8) }

    static func decode(_ data: Data) -> LockHolder? { try? JSONDecoder().decode(LockHolder.self, from: data) }
}

/// What to do about a shared lock someone holds when a deploy wants it: take it over when its holder's
/// heartbeat is older than `staleAfter` seconds, else leave it. Pure.
enum LockVerdict: Equatable {
    case refuse(LockHolder, age: Double)
    case takeOver(LockHolder, age: Double)
    /// The object does not say who holds it: left alone; `deploy unlock` removes it.
    case unreadable

    static func judge(_ holder: LockHolder?, now: Date, staleAfter: Double) -> LockVerdict {
        guard let holder, let age = holder.heartbeatAge(now: now) else { return .unreadable }
        return age > staleAfter ? .takeOver(holder, age: age) : .refuse(holder, age: age)
    }
}
