import Foundation

/// Where a deploy runs, found before any child that could change something starts: the repository and its
/// git folder, its platform contract and services, the var-file and the AWS profile.
struct Workspace: Equatable, Sendable {
    let root: URL
    /// The repository's common git folder: deploy keeps its lock, history and cache under `deploy/` there.
    let gitDirectory: URL
    let config: PlatformConfig
    /// Every deployable service found in the repository.
    let services: [String]
    let varFile: URL?
    /// The AWS profile every aws call uses; nil: the default credential chain (a CI job's role, environment keys).
    let profile: String?

    /// Task definition → its images and secrets, kept between runs (a revision never changes).
    var taskDefinitionCacheFile: URL { DeployFolder.file("task-definitions.json", in: gitDirectory) }
}

extension Workspace {
    /// `-C DIR` (relative to the current folder), or the current folder.
    static func startDirectory(_ path: String?, in currentDirectory: URL) throws(DeployError) -> URL {
        guard let path else { return currentDirectory }
        let url = URL(fileURLWithPath: path, relativeTo: currentDirectory).standardizedFileURL
        guard FileKind.of(url) == .folder else {
            throw .usage("-C \(path): no such folder")
        }
        return url
    }

    static func repositoryRoot(from directory: URL, runner: any CommandRunner) async throws(DeployError) -> URL {
        let result = try await runner.capture(.run(Git.topLevel()))
        guard result.status.succeeded else { throw outsideRepository(directory, said: result.tail.last) }
        let path = String(decoding: result.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return URL(fileURLWithPath: path)
    }

    /// The one refusal every command gives outside a checkout, with what git said when it said something.
    static func outsideRepository(_ directory: URL, said: String? = nil) -> DeployError {
        .usage(
            "\(directory.path) is not inside a git repository\(said.map { " (git: \($0))" } ?? ""): run deploy from "
                + "the platform checkout or pass -C <dir>")
    }

    /// The repository's common git folder (shared by its worktrees); nil outside a repository.
    static func gitDirectory(runner: any CommandRunner) async throws(DeployError) -> URL? {
        guard let path = try await runner.answer(Git.gitDirectory()), !path.isEmpty else { return nil }
        return URL(fileURLWithPath: path)
    }

    /// The var-file as typed, else relative to the terraform folder, as the runbook's `tfvars/<env>.tfvars`.
    static func resolve(varFile path: String, from directory: URL, terraformDir: URL) throws(DeployError) -> URL {
        let candidates = [
            URL(fileURLWithPath: path, relativeTo: directory), URL(fileURLWithPath: path, relativeTo: terraformDir),
        ]
        if let found = candidates.map(\.standardizedFileURL).first(where: { FileKind.of($0) == .file }) { return found }
        let known = varFiles(under: terraformDir)
        let guess = Suggestion.closest(to: path, among: known).map { ". Did you mean '\($0)'?" } ?? ""
        let listed = known.isEmpty ? "; there is no .tfvars there" : guess + " Known: " + known.joined(separator: ", ")
        throw .usage("var-file '\(path)' not found in \(directory.path) nor in \(terraformDir.path)\(listed)")
    }

    /// The `.tfvars` files in the terraform folder and the folders right under it, as `--var-file` takes them from
    /// there (`tfvars/prod.tfvars`).
    static func varFiles(under folder: URL) -> [String] {
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
