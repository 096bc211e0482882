import Foundation

/// Where deploy keeps its own files: `deploy/` in the repository's common git folder (so worktrees share
/// it): the workspace locks, the history files and the task definition cache.
enum DeployFolder {
    static func file(_ name: String, in gitDirectory: URL) -> URL {
        gitDirectory.appendingPathComponent("deploy").appendingPathComponent(name)
    }

    /// Where the terraform apply of a deploy in `workspace` writes its output: removed when its deploy ends;
    /// still there after a deploy that was killed, for the next one to point to.
    static func applyLog(workspace: String, in gitDirectory: URL) -> URL {
        file("apply-\(workspace).log", in: gitDirectory)
    }

    /// Where this deploy's saved plan goes: its own file (a second deploy of this clone plans before it waits for
    /// the lock), in a folder only its owner reads, for a plan may hold secrets.
    static func planFile(workspace: String, in gitDirectory: URL, pid: Int32 = getpid()) -> URL {
        plans(in: gitDirectory).appendingPathComponent("plan-\(workspace)-\(pid).tfplan")
    }

    static func plans(in gitDirectory: URL) -> URL {
        file("plans", in: gitDirectory)
    }

    /// The workspaces that have a `<prefix><workspace><suffix>` file there, sorted.
    static func workspaces(in gitDirectory: URL, prefix: String, suffix: String) -> [String] {
        let names =
            (try? FileManager.default.contentsOfDirectory(atPath: gitDirectory.appendingPathComponent("deploy").path))
            ?? []
        return names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(suffix) }.sorted()
            .map { String($0.dropFirst(prefix.count).dropLast(suffix.count)) }
    }
}
