import Foundation

/// Carries a plan out: opens the workspace, reads the facts (git, terraform outputs, ECS, the AWS account),
/// shows the summary, asks for the typed `y`, then runs the steps and verifies the rollout. The imperative
/// shell of a deploy; everything it decides is decided by pure code it calls.
public struct Deployer: Sendable {
    typealias RunnerFactory = @Sendable (_ environment: [String: String], _ directory: URL) -> any CommandRunner

    let plan: DeployPlan
    let environment: [String: String]
    let currentDirectory: URL
    let reporter: Reporter
    let prompt: Prompt
    let children: ChildRegistry
    let makeRunner: RunnerFactory

    public init(plan: DeployPlan, environment: [String: String], currentDirectory: URL, reporter: Reporter) {
        self.init(
            plan: plan, environment: environment, currentDirectory: currentDirectory, reporter: reporter,
            children: .shared)
    }

    /// `prompt` and `makeRunner` default to the terminal and real processes; tests script them.
    init(
        plan: DeployPlan, environment: [String: String], currentDirectory: URL, reporter: Reporter,
        prompt: Prompt? = nil, children: ChildRegistry, makeRunner: RunnerFactory? = nil
    ) {
        self.plan = plan
        self.environment = environment
        self.currentDirectory = currentDirectory
        self.reporter = reporter
        self.prompt = prompt ?? Prompt(reporter: reporter)
        self.children = children
        self.makeRunner = makeRunner ?? { ProcessRunner(environment: $0, workingDirectory: $1, children: children) }
    }

    /// A deploy (full, `--services`, `--skip-tf`, `--changed`) or a rollback. With `--output json`, stdout
    /// always carries one document, even when it stops before its first step.
    public func run() async throws(DeployError) {
        if plan.mode == .rollback { try await rollBack() } else { try await deploy() }
    }

    /// Where deploy was asked to run (`-C`, or the current folder).
    var startDirectory: URL {
        plan.directory.map { URL(fileURLWithPath: $0, relativeTo: currentDirectory).standardizedFileURL }
            ?? currentDirectory
    }
}
