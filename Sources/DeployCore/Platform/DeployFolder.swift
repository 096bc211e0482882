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

    /// Where this deploy's saved plan goes: its own file (a second deploy plans before it waits for the lock), in a
    /// folder only its owner reads, for a plan may hold secrets; outside the checkout, whose git folder may be
    /// read-only (a dry run writes only this).
    static func planFile(workspace: String, checkout gitDirectory: URL, pid: Int32 = getpid()) -> URL {
        scratch("plans").appendingPathComponent(
            "\(planPrefix(workspace: workspace, checkout: gitDirectory))\(pid).tfplan")
    }

    /// `plan-<workspace>-<the checkout's mark>-`: whose plans a file holds, so that each checkout knows its own.
    static func planPrefix(workspace: String, checkout gitDirectory: URL) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in gitDirectory.standardizedFileURL.path.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return "plan-\(workspace)-\(String(hash, radix: 16))-"
    }

    /// `name` in this user's own folder for deploy's passing files (saved plans, the bucket's bodies): under the
    /// temporary folder, 0700; a folder there that is not this user's alone is not used: one of this run's own is.
    static func scratch(_ name: String) -> URL {
        let shared = FileManager.default.temporaryDirectory.appendingPathComponent("deploy-\(getuid())")
        mkdir(shared.path, 0o700)
        var info = stat()
        let own =
            lstat(shared.path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR && info.st_uid == getuid()
            && info.st_mode & 0o077 == 0
        let base = own ? shared : privateFolder()
        let folder = base.appendingPathComponent(name)
        mkdir(folder.path, 0o700)
        return folder
    }

    private static func privateFolder() -> URL {
        var template = Array((FileManager.default.temporaryDirectory.path + "/deploy-XXXXXX").utf8CString)
        return template.withUnsafeMutableBufferPointer { buffer in
            mkdtemp(buffer.baseAddress!).map { URL(fileURLWithPath: String(cString: $0)) }
        } ?? FileManager.default.temporaryDirectory
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
