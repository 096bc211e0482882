import Foundation

/// The checks made before the confirmation, so a deploy that cannot succeed, or would ship the wrong
/// thing, stops before anything is built: tools, terraform's version, a clean tree, free disk (and,
/// earlier still, the terraform workspace).
/// Every problem is reported at once, one line each, with the command that fixes it.
struct Preflight: Sendable {
    let workspace: Workspace
    let release: Release
    let runner: any CommandRunner
    let environment: [String: String]
    /// `--allow-dirty`: uncommitted changes may ship under HEAD's tag.
    var allowDirty = false
    /// A rollback builds nothing, so uncommitted changes cannot ship with it.
    var checksUncommitted = true
    /// `--min-free-gb`.
    var minimumFreeGB = 8

    static let minimumTerraform = (1, 6)
    /// `1.6`, as messages say it.
    static var minimumTerraformText: String { "\(minimumTerraform.0).\(minimumTerraform.1)" }

    func run() async throws(DeployError) {
        var problems = missingTools()
        async let terraformProblems = outcome { () async throws(DeployError) in try await terraformChecks() }
        async let dirty = outcome { () async throws(DeployError) in try await dirtyFiles() }
        problems += diskProblems()
        problems += try await terraformProblems.get()
        let files = try await dirty.get()
        if !files.isEmpty && !allowDirty {
            problems.append(
                "uncommitted changes would ship under \(release.tag), which does not contain them: "
                    + "\(Self.listed(files)); commit or stash them, or pass --allow-dirty"
            )
        }
        if !problems.isEmpty { throw .preflight(problems) }
    }

    /// Before any read: the tools every deploy reads with, one line per missing tool.
    static func requireTools(_ tools: [String], path: String?) throws(DeployError) {
        let missing = missing(tools, path: path)
        if !missing.isEmpty { throw .preflight(missing) }
    }

    private func missingTools() -> [String] {
        let steps = release.steps + (release.expectations?.steps ?? [])
        return Self.missing(steps.flatMap(\.action.commands).map(\.tool) + ["git"], path: environment["PATH"])
    }

    private static func missing(_ tools: [String], path: String?) -> [String] {
        Set(tools).sorted().compactMap { (tool) -> String? in
            do throws(DeployError) {
                _ = try ExecutableLookup.find(tool, path: path)
                return nil
            } catch {
                return error.message
            }
        }
    }

    private func terraformChecks() async throws(DeployError) -> [String] {
        guard release.apply != nil else { return [] }
        let version = try await runner.capture(.run(Terraform.version()))
        guard let text = Self.terraformVersion(version.stdout) else {
            return [
                "could not read terraform's version (`terraform version -json`): deploy needs terraform >= "
                    + Self.minimumTerraformText
            ]
        }
        if !Self.isSupported(text) {
            return [
                "terraform \(text) is too old: deploy needs terraform >= \(Self.minimumTerraformText)"
            ]
        }
        return []
    }

    /// Before any output of terraform is trusted: the selected workspace must be the var-file's, so that
    /// sandbox variables can never be applied to the prod workspace (or prod's registries used) by accident.
    static func checkWorkspace(_ current: String?, expected named: String?, varFile: URL?, terraformDir: String)
        throws(DeployError)
    {
        guard let varFile else { return }
        guard let current else {
            throw .preflight([
                "`terraform workspace show` failed in \(terraformDir): run `terraform -chdir=\(terraformDir) init`"
            ])
        }
        let expected = named ?? workspaceName(varFile: varFile.path)
        guard current != expected else { return }
        throw .preflight([
            "terraform workspace is '\(current)' but --var-file is \(varFile.lastPathComponent): run `terraform "
                + "-chdir=\(terraformDir) workspace select \(expected)`, or pass --workspace \(current) if "
                + "'\(current)' is really meant"
        ])
    }

    private func dirtyFiles() async throws(DeployError) -> [String] {
        guard checksUncommitted else { return [] }
        return try await Self.dirtyFiles(runner)
    }

    /// Tracked files with uncommitted changes.
    static func dirtyFiles(_ runner: any CommandRunner) async throws(DeployError) -> [String] {
        let result = try await runner.capture(.run(Git.dirtyFiles()))
        return String(decoding: result.stdout, as: UTF8.self).split(separator: "\n").map { String($0.dropFirst(3)) }
    }

    /// Building images needs roughly 6-8 GB where docker keeps them.
    private func diskProblems() -> [String] {
        guard !release.imagesToBuild.isEmpty, release.buildx == nil,
            let (place, free) = Self.diskShortage(root: workspace.root, minimumGB: minimumFreeGB)
        else { return [] }
        return [
            String(
                format:
                    "only %.1f GB free at %@ (a full deploy needs 6-8 GB; --min-free-gb is %d): reclaim space "
                    + "with `deploy prune` (docker builder prune -af; docker image prune -af; volumes are kept)",
                free, place, minimumFreeGB)
        ]
    }

    /// The first place a build writes to (the checkout, docker's folder) with less free space than `minimumGB`.
    static func diskShortage(root: URL, minimumGB: Int) -> (place: String, free: Double)? {
        let places = [root.path, "/var/lib/docker"].filter { FileKind.of(URL(fileURLWithPath: $0)) == .folder }
        for place in places {
            if let free = freeGB(at: place), free < Double(minimumGB) { return (place, free) }
        }
        return nil
    }

    /// `a, b, c, d, e (+2 more)`: the first files of a list, for a one-line message.
    static func listed(_ files: [String]) -> String {
        files.prefix(5).joined(separator: ", ") + (files.count > 5 ? " (+\(files.count - 5) more)" : "")
    }

    static func freeGB(at path: String) -> Double? {
        var stats = statvfs()
        guard statvfs(path, &stats) == 0 else { return nil }
        return Double(stats.f_bavail) * Double(stats.f_frsize) / 1_000_000_000
    }

    /// `tfvars/sandbox.tfvars` → `sandbox`.
    static func workspaceName(varFile: String) -> String {
        var name = URL(fileURLWithPath: varFile).lastPathComponent
        for suffix in [".tfvars.json", ".tfvars"] where name.hasSuffix(suffix) {
            name.removeLast(suffix.count)
            break
        }
        return name
    }

    static func terraformVersion(_ json: Data) -> String? {
        (try? JSONSerialization.jsonObject(with: json) as? [String: Any])?["terraform_version"] as? String
    }

    static func isSupported(_ version: String) -> Bool {
        let parts = version.split(separator: ".").compactMap { Int($0) }
        guard parts.count >= 2 else { return false }
        return (parts[0], parts[1]) >= minimumTerraform
    }
}
