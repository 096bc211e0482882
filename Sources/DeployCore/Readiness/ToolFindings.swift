import Foundation

/// `deploy check`'s first lines: each tool a deploy runs is on PATH, with the version it says it is.
struct ToolFindings: Sendable {
    let runner: any CommandRunner
    let path: String?
    /// `--builder`: the remote BuildKit builder that builds instead of the local engine.
    var builder: String?

    /// What a deploy runs, and how each says its version; what builds (the local engine, or the remote
    /// builder) answers separately from docker's CLI.
    var tools: [(area: String, command: Command)] {
        let builds =
            builder.map { ("docker builder", Command("docker", ["buildx", "inspect", $0])) }
            ?? ("docker engine", Docker.engineVersion())
        return [
            ("git", Command("git", ["--version"])), ("terraform", Terraform.version()),
            ("aws", Command("aws", ["--version"])), ("docker", Command("docker", ["--version"])), builds,
            ("pnpm", Command("pnpm", ["--version"])), ("curl", Command("curl", ["--version"])),
        ]
    }

    func lines() async -> [Finding] {
        async let copier = promoteTool()
        let found = await concurrentMap(tools, limit: tools.count) { [runner, path] area, command -> Finding in
            let found: URL
            do throws(DeployError) {
                found = try ExecutableLookup.find(command.tool, path: path)
            } catch {
                return .fail(area, error)
            }
            let at = area == command.tool ? " (\(found.path))" : ""
            switch await outcome({ () async throws(DeployError) in try await runner.query(command) }) {
            case .failure(let error) where area == "docker engine":
                return .fail(
                    area, EngineProbe.silence(error), fix: EngineProbe.fix + " <name> (deploy check --builder)")
            case .failure(let error) where area == "docker builder":
                return .fail(
                    area,
                    "builder '\(command.arguments.last ?? "")' does not answer (\(error.output.last ?? error.message))",
                    fix: "check `docker buildx ls`, or its endpoint and credentials")
            case .failure(let error): return .fail(area, error)
            case .success(let output) where area == "terraform": return Self.terraform(output).at(at)
            case .success where area == "docker builder": return .ok(area, "\(command.arguments.last ?? "") answers")
            case .success(let output): return .ok(area, Self.version(output) + at)
            }
        }
        return found + [await copier]
    }

    /// skopeo, which only `deploy promote` runs: said either way, never a failed check.
    private func promoteTool() async -> Finding {
        guard let found = try? ExecutableLookup.find("skopeo", path: path) else {
            return .info(
                "skopeo", "not on PATH: only deploy promote needs it (apt install skopeo, brew install skopeo)")
        }
        let said = await outcome { () async throws(DeployError) in
            try await runner.query(Command("skopeo", ["--version"]))
        }
        let version = (try? said.get()).map(Self.version) ?? "found"
        return .info("skopeo", "\(version) (\(found.path)): deploy promote copies images with it")
    }

    /// The first line's first three words, up to a parenthesis: `curl 7.88.1`, `git version 2.39.5`.
    static func version(_ output: Data) -> String {
        let first = String(decoding: output, as: UTF8.self).split(whereSeparator: \.isNewline).first ?? "found"
        let words = first.prefix { $0 != "(" }.split(separator: " ").prefix(3)
        return words.joined(separator: " ").trimmingCharacters(in: .punctuationCharacters)
    }

    /// terraform's version, and whether a deploy can use it.
    static func terraform(_ output: Data) -> Finding {
        let needed = Preflight.minimumTerraformText
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
