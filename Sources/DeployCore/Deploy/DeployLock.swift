import Foundation

/// One deploy per workspace at a time: a lock file under the repository's git folder, keyed by
/// workspace, holding who deploys what since when. A lock whose process is gone is taken over.
final class DeployLock: Sendable {
    struct Holder: Codable, Equatable {
        var pid: Int32
        var user: String
        var host: String
        var started: String
        var sha: String
    }

    let file: URL

    private init(file: URL) { self.file = file }

    static func acquire(gitDirectory: URL, workspace: String, sha: String, reporter: Reporter) throws(DeployError) -> DeployLock {
        let file = gitDirectory.appendingPathComponent("deploy/lock-\(workspace).json")
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let me = Holder(pid: getpid(), user: ProcessInfo.processInfo.environment["USER"] ?? NSUserName(),
                        host: ProcessInfo.processInfo.hostName, started: ISO8601DateFormatter().string(from: Date()), sha: sha)
        let data = (try? JSONEncoder().encode(me)) ?? Data()
        for _ in 0..<2 {
            if create(file, with: data) { return DeployLock(file: file) }
            guard let holder = read(file) else { try? FileManager.default.removeItem(at: file); continue }
            if holder.host == me.host && !isAlive(holder.pid) {
                reporter.note("deploy: taking over a stale lock on workspace '\(workspace)' (pid \(holder.pid) of \(holder.user), started \(holder.started), is gone)")
                try? FileManager.default.removeItem(at: file)
                continue
            }
            throw .locked("another deploy holds workspace '\(workspace)': pid \(holder.pid) by \(holder.user) on \(holder.host) since \(holder.started), deploying \(holder.sha). Wait for it to finish; if it is gone, remove \(file.path)")
        }
        throw .locked("could not take the lock \(file.path)")
    }

    func release() {
        try? FileManager.default.removeItem(at: file)
    }

    /// O_EXCL: exactly one process can create the file.
    private static func create(_ file: URL, with data: Data) -> Bool {
        let fd = open(file.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        _ = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        return true
    }

    private static func read(_ file: URL) -> Holder? {
        FileManager.default.contents(atPath: file.path).flatMap { try? JSONDecoder().decode(Holder.self, from: $0) }
    }

    private static func isAlive(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}
