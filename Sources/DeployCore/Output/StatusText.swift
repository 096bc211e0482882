import Foundation

/// Everything `deploy status` read, in one value: what `--changed` would do per service with its health, who
/// holds the lock, how the last deploy went, and what is uncommitted in the checkout.
struct StatusReport: Sendable {
    var head: String
    var changes: [ServiceChange]
    /// Service → what its health URL answered (`200`, `503`, `no answer`); nil without an `api_base_url`.
    var health: [String: String]?
    var lock: LockState
    /// The newest record, if any.
    var last: HistoryRecord?
    var uncommitted: [String]
}

/// `deploy status` as an operator reads it: one screen, the whole story. Pure.
enum StatusText {
    static func text(_ report: StatusReport, verbose: Bool) -> String {
        let header = [
            "Lock      " + lock(report.lock),
            "Last      " + (report.last.map(LastDeploy.line) ?? "no deploy recorded yet"),
            "Checkout  " + checkout(report.uncommitted),
        ]
        let table = ChangeText.table(report.changes, head: report.head, verbose: verbose, health: report.health)
        let lines = table.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return ([lines[0]] + header + Array(lines.dropFirst())).joined(separator: "\n")
    }

    static func lock(_ state: LockState) -> String {
        switch state {
        case .free(let place): return "free (\(place))"
        case .held(let by, let age, let place):
            let beat = age.map { ", heartbeat \(WaitTime.text($0.rounded())) ago" } ?? ""
            return "held by \(by)\(beat) (\(place))"
        case .unreadable(let place): return "held, by a deploy its object does not name (\(place)): see deploy unlock"
        }
    }

    static func checkout(_ uncommitted: [String]) -> String {
        guard !uncommitted.isEmpty else { return "no uncommitted changes to tracked files" }
        return "\(uncommitted.count) uncommitted change(s) to tracked files, part of no deploy: "
            + Preflight.listed(uncommitted)
    }

    static func json(_ report: StatusReport) -> String {
        struct Service: Encodable {
            var change: ServiceChange
            var health: String?
            func encode(to encoder: Encoder) throws {
                try change.encode(to: encoder)
                var container = encoder.container(keyedBy: Key.self)
                try container.encodeIfPresent(health, forKey: .health)
            }
            enum Key: String, CodingKey { case health }
        }
        struct Document: Encodable {
            var head: String
            var services: [Service]
            var lock: String
            var lockHeld: Bool
            var last: HistoryRecord?
            var lastSays: String?
            var uncommitted: [String]
        }
        let held = if case .held = report.lock { true } else { false }
        return JSONText.document(
            Document(
                head: report.head,
                services: report.changes.map { Service(change: $0, health: report.health?[$0.service]) },
                lock: lock(report.lock), lockHeld: held, last: report.last, lastSays: report.last.map(LastDeploy.line),
                uncommitted: report.uncommitted))
    }
}
