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
            return Self.tfvars(under: root.appendingPathComponent(config.terraformDir))
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

    /// `.tfvars` files in the terraform folder and the folders right under it, as `--var-file` takes them
    /// from there (`tfvars/prod.tfvars`).
    static func tfvars(under folder: URL) -> [String] {
        let fm = FileManager.default
        let top = (try? fm.contentsOfDirectory(atPath: folder.path)) ?? []
        let nested = top.filter { !$0.hasPrefix(".") && FileKind.of(folder.appendingPathComponent($0)) == .folder }
            .flatMap { name in
                ((try? fm.contentsOfDirectory(atPath: folder.appendingPathComponent(name).path)) ?? [])
                    .map { "\(name)/\($0)" }
            }
        return (top + nested).filter { $0.hasSuffix(".tfvars") }.sorted()
    }
}
