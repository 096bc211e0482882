import Foundation

/// Read from files only, no git, no network, so a TAB answers at once.
extension CompletionList {
    /// One word per line, sorted; nothing when there is nothing to offer (outside a platform checkout).
    func words(from directory: URL, environment: [String: String]) -> [String] {
        switch self {
        case .profiles: return AWSProfiles.names(environment: environment)
        case .services:
            guard let root = Self.repositoryRoot(above: directory),
                let config = try? PlatformConfig.load(repositoryRoot: root)
            else { return [] }
            return (try? ServiceDiscovery.services(in: root, config: config)) ?? []
        case .varFiles:
            guard let root = Self.repositoryRoot(above: directory) else { return [] }
            let config = (try? PlatformConfig.load(repositoryRoot: root)) ?? PlatformConfig()
            return Workspace.varFiles(under: root.appendingPathComponent(config.terraformDir))
        }
    }

    /// The nearest folder at or above `directory` that holds `.git` (a folder, or a worktree's file).
    static func repositoryRoot(above directory: URL) -> URL? {
        var folder = directory.standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(".git").path) { return folder }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }
}
