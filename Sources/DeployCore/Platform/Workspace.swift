import Foundation

/// Where a deploy runs, checked before any child that could change something starts: the repository,
/// its platform contract and services, the var-file, the AWS profile, and a runner for that place.
struct Workspace: Sendable {
    let root: URL
    let config: PlatformConfig
    let services: [String]
    let varFile: URL?
    let profile: String
    let runner: any CommandRunner
    /// The repository's git folder: deploy keeps its lock and cache under `deploy/` there.
    let gitDirectory: URL

    /// Task definition → images, kept between runs (a revision never changes); read once per run and shared
    /// by the live read and the rollout watch.
    let taskDefinitionCache: TaskDefinitionCache

    static func open(plan: DeployPlan, environment: [String: String], currentDirectory: URL, prompt: Prompt,
                     makeRunner: Deployer.RunnerFactory) async throws(DeployError) -> Workspace {
        let directory = try startDirectory(plan.directory, in: currentDirectory)
        let root = try await repositoryRoot(from: directory, runner: makeRunner(environment, directory))
        let config = try PlatformConfig.load(repositoryRoot: root)
        let services = try ServiceDiscovery.services(in: root, config: config)
        _ = try Release.select(plan.services, from: services, independent: config.independent)
        var varFile: URL?
        if let path = plan.varFile {
            varFile = try resolve(varFile: path, from: directory, terraformDir: root.appendingPathComponent(config.terraformDir))
        }
        var profile = plan.profile ?? ""
        if plan.profile == nil {
            profile = try prompt.chooseProfile(from: AWSProfiles.names(environment: environment),
                                               default: environment["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 })
        }
        let runner = makeRunner(environment.merging(["AWS_PROFILE": profile]) { $1 }, root)
        let gitDirectory = try await Self.gitDirectory(runner: runner) ?? root.appendingPathComponent(".git")
        return Workspace(root: root, config: config, services: services, varFile: varFile, profile: profile, runner: runner,
                         gitDirectory: gitDirectory,
                         taskDefinitionCache: TaskDefinitionCache(file: DeployFolder.file("task-definition-images.json", in: gitDirectory)))
    }

    private static func startDirectory(_ path: String?, in currentDirectory: URL) throws(DeployError) -> URL {
        guard let path else { return currentDirectory }
        let url = URL(fileURLWithPath: path, relativeTo: currentDirectory).standardizedFileURL
        guard FileKind.of(url) == .folder else {
            throw .usage("-C \(path): no such folder")
        }
        return url
    }

    private static func repositoryRoot(from directory: URL, runner: any CommandRunner) async throws(DeployError) -> URL {
        let result = try await runner.run(.run(Git.topLevel()), capture: true) { _ in }
        guard result.status.succeeded else {
            let said = result.tail.last.map { " (git: \($0))" } ?? ""
            throw .usage("\(directory.path) is not inside a usable git repository\(said): run deploy from the platform checkout or pass -C <dir>")
        }
        return URL(fileURLWithPath: String(decoding: result.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private static func gitDirectory(runner: any CommandRunner) async throws(DeployError) -> URL? {
        guard let path = try await runner.answer(Git.gitDirectory()), !path.isEmpty else { return nil }
        return URL(fileURLWithPath: path)
    }

    /// The var-file as typed, else relative to the terraform folder, as the runbook's `tfvars/<env>.tfvars`.
    static func resolve(varFile path: String, from directory: URL, terraformDir: URL) throws(DeployError) -> URL {
        let candidates = [URL(fileURLWithPath: path, relativeTo: directory), URL(fileURLWithPath: path, relativeTo: terraformDir)]
        if let found = candidates.map(\.standardizedFileURL).first(where: { FileKind.of($0) == .file }) { return found }
        throw .usage("var-file '\(path)' not found in \(directory.path) nor in \(terraformDir.path)")
    }
}
