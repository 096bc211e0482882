import Foundation

/// `deploy check`'s first lines: each tool a deploy runs is on PATH, with the version it says it is.
struct ToolCheck: Sendable {
    let runner: any CommandRunner
    let path: String?

    /// What a deploy runs, and how each says its version.
    static let tools: [Command] = [
        Command("git", ["--version"]), Terraform.version(), Command("aws", ["--version"]),
        Command("docker", ["--version"]), Command("pnpm", ["--version"]), Command("curl", ["--version"]),
    ]

    func lines() async -> [CheckLine] {
        await concurrentMap(Self.tools, limit: Self.tools.count) { [runner, path] command in
            do throws(DeployError) {
                _ = try ExecutableLookup.find(command.tool, path: path)
            } catch {
                return .fail(command.tool, error)
            }
            switch await outcome({ () async throws(DeployError) in try await runner.query(command) }) {
            case .failure(let error): return .fail(command.tool, error)
            case .success(let output) where command.tool == "terraform": return Self.terraform(output)
            case .success(let output):
                return .ok(command.tool, Self.version(output))
            }
        }
    }

    /// The first line's first three words, up to a parenthesis: `curl 7.88.1`, `git version 2.39.5`.
    static func version(_ output: Data) -> String {
        let first = String(decoding: output, as: UTF8.self).split(whereSeparator: \.isNewline).first ?? "found"
        let words = first.prefix { $0 != "(" }.split(separator: " ").prefix(3)
        return words.joined(separator: " ").trimmingCharacters(in: .punctuationCharacters)
    }

    /// terraform's version, and whether a deploy can use it.
    static func terraform(_ output: Data) -> CheckLine {
        let needed = "\(Preflight.minimumTerraform.0).\(Preflight.minimumTerraform.1)"
        guard let version = Preflight.terraformVersion(output) else {
            return .fail(
                "terraform", "could not read its version (`terraform version -json`)", fix: "install >= \(needed)")
        }
        guard Preflight.isSupported(version) else {
            return .fail("terraform", "terraform \(version) is too old", fix: "install terraform >= \(needed)")
        }
        return .ok("terraform", "terraform \(version)")
    }
}
