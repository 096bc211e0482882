import Foundation

/// Finds a tool on PATH, since `Process.executableURL` does not search it and its error does not name the tool.
enum ExecutableLookup {
    static func find(_ tool: String, path: String?) throws(DeployError) -> URL {
        if tool.contains("/") {
            guard FileManager.default.isExecutableFile(atPath: tool) else { throw .toolNotFound(tool) }
            return URL(fileURLWithPath: tool)
        }
        for folder in (path ?? "").split(separator: ":") where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(tool)
            if FileKind.of(candidate) == .file, FileManager.default.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
        }
        throw .toolNotFound(tool)
    }

    /// Before anything runs: every tool the steps need is on PATH, so a missing pnpm is found before
    /// the images are pushed rather than after.
    static func requireAll(_ tools: [String], path: String?) throws(DeployError) {
        for tool in Set(tools).sorted() { _ = try find(tool, path: path) }
    }
}
