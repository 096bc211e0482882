import Foundation

/// Carries a plan out: checks the input, reads the facts (git, terraform outputs, the AWS account),
/// shows the summary, asks for the typed `y`, then runs the steps. The only imperative part of a deploy
/// besides the runner; everything it decides is made by pure code it calls.
public struct Deployer: Sendable {
    public typealias RunnerFactory = @Sendable (_ environment: [String: String], _ directory: URL) -> any CommandRunner

    let plan: DeployPlan
    let environment: [String: String]
    let currentDirectory: URL
    let reporter: Reporter
    let prompt: Prompt
    let makeRunner: RunnerFactory
    let children: ChildRegistry

    public init(plan: DeployPlan, environment: [String: String], currentDirectory: URL,
                reporter: Reporter = Reporter(), prompt: Prompt? = nil, children: ChildRegistry = .shared,
                makeRunner: RunnerFactory? = nil) {
        self.plan = plan
        self.environment = environment
        self.currentDirectory = currentDirectory
        self.reporter = reporter
        self.prompt = prompt ?? Prompt(reporter: reporter)
        self.children = children
        self.makeRunner = makeRunner ?? { ProcessRunner(environment: $0, workingDirectory: $1, children: children) }
    }

    public func run() async throws(DeployError) {
        if plan.mode == .changed {
            throw .usage("--changed is not available in deploy \(Version.current) yet: run a full deploy, or --services a,b to roll only those")
        }
        let started = Date()
        let directory = try startDirectory()
        let root = try await repositoryRoot(from: directory)
        let config = try PlatformConfig.load(repositoryRoot: root)
        let services = try ServiceDiscovery.services(in: root, config: config)
        _ = try Release.select(plan.services, from: services)
        var varFile: URL?
        if let path = plan.varFile {
            varFile = try Self.resolve(varFile: path, from: directory, terraformDir: root.appendingPathComponent(config.terraformDir))
        }
        let profile = try chooseProfile()

        let childEnvironment = environment.merging(["AWS_PROFILE": profile]) { $1 }
        let runner = makeRunner(childEnvironment, root)
        let queries = Queries(runner: runner, reporter: reporter)
        async let tag = outcome { () async throws(DeployError) in try await queries.shortHead() }
        async let facts = outcome { () async throws(DeployError) in try await queries.environmentFacts(terraformDir: config.terraformDir) }
        async let account = outcome { [environment] () async throws(DeployError) in try await queries.account(profile: profile, environment: environment) }
        let inputs = Release.Inputs(plan: plan, config: config, services: services, facts: try await facts.get(),
                                    tag: try await tag.get(), varFile: varFile?.path,
                                    color: isatty(STDERR_FILENO) != 0 && environment["NO_COLOR"] == nil)
        let release = try Release(resolving: inputs)
        let who = try await account.get()

        reporter.result(PlanText.summary(release, account: who))
        let steps = release.steps
        if plan.dryRun {
            reporter.result("\nDry run: these commands would run, in this order; nothing was changed.\n" + PlanText.commands(steps))
            return
        }
        if !plan.assumeYes && !prompt.confirm("Deploy \(release.tag) to account \(who.id) (\(who.region))?") {
            throw .declined
        }
        let (outcomes, failure) = await Executor(runner: runner, reporter: reporter, children: children).run(steps)
        reporter.result("\n" + PlanText.closing(outcomes, notRun: Array(steps.dropFirst(outcomes.count)), seconds: Date().timeIntervalSince(started)))
        if let failure { throw failure }
        reporter.result("deployed \(release.tag)")
    }

    private func chooseProfile() throws(DeployError) -> String {
        if let profile = plan.profile { return profile }
        let fallback = environment["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 }
        return try prompt.chooseProfile(from: AWSProfiles.names(environment: environment), default: fallback)
    }

    private func startDirectory() throws(DeployError) -> URL {
        guard let path = plan.directory else { return currentDirectory }
        let url = URL(fileURLWithPath: path, relativeTo: currentDirectory).standardizedFileURL
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw .usage("-C \(path): no such folder")
        }
        return url
    }

    private func repositoryRoot(from directory: URL) async throws(DeployError) -> URL {
        let runner = makeRunner(environment, directory)
        let result = try await runner.run(.run(Git.topLevel()), capture: true) { _ in }
        guard result.status.succeeded else {
            throw .usage("\(directory.path) is not inside a git repository: run deploy from the platform checkout or pass -C <dir>")
        }
        return URL(fileURLWithPath: String(decoding: result.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The var-file as typed, else relative to the terraform folder, as the runbook's `tfvars/<env>.tfvars`.
    static func resolve(varFile path: String, from directory: URL, terraformDir: URL) throws(DeployError) -> URL {
        let candidates = [URL(fileURLWithPath: path, relativeTo: directory), URL(fileURLWithPath: path, relativeTo: terraformDir)]
        for candidate in candidates.map(\.standardizedFileURL) {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isFolder), !isFolder.boolValue {
                return candidate
            }
        }
        throw .usage("var-file '\(path)' not found in \(directory.path) nor in \(terraformDir.path)")
    }
}

/// Runs a throwing task into a `Result`, so `async let` keeps the typed error.
func outcome<T: Sendable>(_ body: () async throws(DeployError) -> T) async -> Result<T, DeployError> {
    do { return .success(try await body()) } catch { return .failure(error) }
}
