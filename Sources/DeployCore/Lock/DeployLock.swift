import Foundation

/// One deploy per workspace at a time: an exclusive `flock` on a file under the repository's git folder,
/// keyed by workspace, held for the whole run. The kernel lets go of it when the process ends, however it
/// ends, so a lock can never be left behind; the file also says who holds it, for the refusal message.
final class DeployLock: Sendable {
    struct Holder: Codable, Equatable {
        var pid: Int32
        var user: String
        var host: String
        var started: String
        var sha: String
    }

    let file: URL
    private let descriptor: Int32

    private init(file: URL, descriptor: Int32) {
        self.file = file
        self.descriptor = descriptor
    }

    /// `wait`: what the refusal tells the operator to do when another deploy holds the lock.
    static func acquire(
        gitDirectory: URL, workspace: String, sha: String, reporter: Reporter,
        wait: String = "Wait for it to finish"
    ) throws(DeployError) -> DeployLock {
        let file = DeployFolder.file("lock-\(workspace).json", in: gitDirectory)
        try? FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let fd = open(file.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw .locked("could not open the lock \(file.path): \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = read(file)
            close(fd)
            let who = holder.map(describe) ?? "another process"
            throw .locked("another deploy holds workspace '\(workspace)': \(who). \(wait)")
        }
        if let previous = read(file) {
            reporter.note(
                "deploy: taking over a stale lock on workspace '\(workspace)' (pid \(previous.pid) of "
                    + "\(Inert.field(previous.user, limit: 64)), started "
                    + "\(Inert.field(previous.started, limit: 40)), is gone)"
            )
        }
        let me = Holder(
            pid: getpid(), user: LocalUser.name(environment: ProcessInfo.processInfo.environment),
            host: ProcessInfo.processInfo.hostName, started: ISO8601DateFormatter().string(from: Date()), sha: sha)
        let data = (try? JSONEncoder().encode(me)) ?? Data()
        ftruncate(fd, 0)
        _ = data.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        return DeployLock(file: file, descriptor: fd)
    }

    /// Every workspace's lock that exists under the git folder, for `deploy prune`; none outside a repository.
    static func acquireAll(gitDirectory: URL?, reporter: Reporter) throws(DeployError) -> [DeployLock] {
        guard let gitDirectory else { return [] }
        var locks: [DeployLock] = []
        for workspace in DeployFolder.workspaces(in: gitDirectory, prefix: "lock-", suffix: ".json") {
            do {
                locks.append(
                    try acquire(
                        gitDirectory: gitDirectory, workspace: workspace, sha: "none (docker prune)",
                        reporter: reporter,
                        wait: "Wait for it to finish: pruning now would remove the images it builds"))
            } catch {
                for lock in locks { lock.release() }
                throw error
            }
        }
        return locks
    }

    /// Empties the file (a clean release leaves no holder behind) and lets go of the lock.
    func release() {
        ftruncate(descriptor, 0)
        close(descriptor)
    }

    /// `pid 4242 by ops on laptop-7 since ..., deploying abc1234`, each field inert.
    static func describe(_ holder: Holder) -> String {
        "pid \(holder.pid) by \(Inert.field(holder.user, limit: 64)) on \(Inert.field(holder.host, limit: 64)) since "
            + "\(Inert.field(holder.started, limit: 40)), deploying \(Inert.field(holder.sha, limit: 40))"
    }

    /// Who the lock's file names: its holder while held; nil once let go (the file is emptied) or never taken.
    static func holder(_ file: URL) -> Holder? { read(file) }

    private static func read(_ file: URL) -> Holder? {
        FileManager.default.contents(atPath: file.path).flatMap { try? JSONDecoder().decode(Holder.self, from: $0) }
    }
}
