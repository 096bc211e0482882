import Foundation

/// What a deploy would refuse in this checkout before it builds: uncommitted changes to tracked files, and
/// too little free disk for the builds.
struct CheckoutCheck: Sendable {
    let runner: any CommandRunner
    let root: URL
    let minimumFreeGB: Int
    /// With a remote builder the images are built there, not on this disk.
    var builder: String?

    func lines() async -> [CheckLine] {
        let dirty: CheckLine
        switch await outcome({ () async throws(DeployError) in try await Preflight.dirtyFiles(runner) }) {
        case .failure(let error): dirty = .fail("git", error)
        case .success(let files) where files.isEmpty: dirty = .ok("git", "no uncommitted changes to tracked files")
        case .success(let files):
            let shown = files.prefix(5).joined(separator: ", ") + (files.count > 5 ? " (+\(files.count - 5) more)" : "")
            dirty = .fail(
                "git", "uncommitted changes a deploy would refuse: \(shown)",
                fix: "commit or stash them (or deploy with --allow-dirty)")
        }
        return [dirty, disk()]
    }

    private func disk() -> CheckLine {
        if let builder { return .ok("disk", "images are built on builder \(builder), not on this disk") }
        guard let free = Preflight.freeGB(at: root.path) else { return .skipped("disk", "free space unknown") }
        let text = String(format: "%.1f GB free at %@", free, root.path)
        guard free < Double(minimumFreeGB) else { return .ok("disk", text) }
        return .fail(
            "disk", "only \(text); builds need \(minimumFreeGB) GB",
            fix: "reclaim space with `deploy prune` (docker builder prune -af; docker image prune -af)")
    }
}
