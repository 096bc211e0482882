import Foundation

/// What a deploy would refuse in this checkout before it builds: uncommitted changes to tracked files, and
/// too little free disk for the builds.
struct CheckoutFindings: Sendable {
    let runner: any CommandRunner
    let root: URL
    let minimumFreeGB: Int
    /// With a remote builder the images are built there, not on this disk.
    var builder: String?

    func lines() async -> [Finding] {
        let dirty: Finding
        switch await outcome({ () async throws(DeployError) in try await Preflight.dirtyFiles(runner) }) {
        case .failure(let error): dirty = .fail("git", error)
        case .success(let files) where files.isEmpty: dirty = .ok("git", "no uncommitted changes to tracked files")
        case .success(let files):
            dirty = .fail(
                "git", "uncommitted changes a deploy would refuse: \(Preflight.listed(files))",
                fix: "commit or stash them (or deploy with --allow-dirty)")
        }
        return [dirty, disk()]
    }

    /// The places a deploy checks (the checkout, docker's folder), as it checks them.
    private func disk() -> Finding {
        if let builder { return .ok("disk", "images are built on builder \(builder), not on this disk") }
        if let (place, free) = Preflight.diskShortage(root: root, minimumGB: minimumFreeGB) {
            return .fail(
                "disk", String(format: "only %.1f GB free at %@; builds need %d GB", free, place, minimumFreeGB),
                fix: "reclaim space with `deploy prune` (docker builder prune -af; docker image prune -af)")
        }
        guard let free = Preflight.freeGB(at: root.path) else { return .skipped("disk", "free space unknown") }
        return .ok("disk", String(format: "%.1f GB free at %@", free, root.path))
    }
}
