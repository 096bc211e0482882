import Foundation

/// Where one terraform workspace's shared lock and history live in the environment's own bucket (terraform
/// output `deploy_bucket`): `deploy/<workspace>/lock.json`, and one object per deploy under
/// `deploy/<workspace>/history/`, named so that keys sort by time and no two writers ever touch one object.
/// Pure: every key is built here.
struct DeployBucket: Equatable, Sendable {
    let bucket: String
    let workspace: String

    var prefix: String { "deploy/\(workspace)/" }
    var lockKey: String { prefix + "lock.json" }
    var historyPrefix: String { prefix + "history/" }

    /// `s3://<bucket>/deploy/<workspace>/lock.json`, as messages name it.
    var lockURL: String { "s3://\(bucket)/\(lockKey)" }

    /// `deploy/<ws>/history/2026-11-29T10:04:05Z-abc1234-9f3e2a.json`: the deploy's start in UTC, HEAD's SHA
    /// and six random hex digits.
    func historyKey(started: Date, sha: String, nonce: String) -> String {
        historyPrefix + "\(Self.time(started))-\(sha)-\(nonce).json"
    }

    /// Six random hex digits, so that two deploys of one SHA in one second still write two objects.
    static func nonce() -> String {
        String(format: "%06x", UInt32.random(in: 0..<0x100_0000))
    }

    /// ISO 8601 in UTC, to the second: the form keys sort by.
    static func time(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
