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
}
