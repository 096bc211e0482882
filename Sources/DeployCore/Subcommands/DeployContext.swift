import Foundation

/// What every command runs with, made once where deploy starts (`DeployMain`): its environment, the folder it
/// acts in, how it writes (the reporter, in the run's one output style), how it asks (the prompt) and how it starts
/// children (the runner factory, and the registry Ctrl-C reaches). A command opens its workspace from it (`open`).
struct DeployContext: Sendable {
    typealias RunnerFactory = @Sendable (_ environment: [String: String], _ directory: URL) -> any CommandRunner

    let environment: [String: String]
    /// Where deploy acts: `-C`, or the folder it was started in.
    let directory: URL
    let reporter: Reporter
    let prompt: Prompt
    let children: ChildRegistry
    let style: OutputStyle
    let makeRunner: RunnerFactory
    /// Whether Ctrl-C is caught and forwarded to the children (the process's own run; not a test's).
    var catchesSignals = false
    /// How long it waits between tries.
    var pace = Pace()
    /// The CI job this runs in, with nobody at a terminal: no question is ever asked, the AWS credentials are the
    /// default chain's, the lock and the history name the run.
    var ci: CIRun? = nil
    /// In a GitHub Actions step: where its job summary and its outputs go.
    var github: GitHubFiles? = nil

    /// A runner in `folder`, with `profile` for every aws call.
    func runner(in folder: URL, profile: String? = nil) -> any CommandRunner {
        makeRunner(profile.map { environment.merging(["AWS_PROFILE": $0]) { $1 } } ?? environment, folder)
    }

    /// Who runs deploy here, as the lock and the history name them.
    var user: String { LocalUser.name(environment: environment) }

    /// How long a shared lock's heartbeat may be silent before it is stale, and how often it beats. Both can
    /// be lowered for tests: `DEPLOY_LOCK_STALE_SECONDS`, `DEPLOY_LOCK_HEARTBEAT_SECONDS`.
    var lockTiming: SharedLock.Timing {
        var timing = SharedLock.Timing()
        if let seconds = environment["DEPLOY_LOCK_STALE_SECONDS"].flatMap(Double.init), seconds > 0 {
            timing.staleAfter = seconds
        }
        if let seconds = environment["DEPLOY_LOCK_HEARTBEAT_SECONDS"].flatMap(Double.init), seconds > 0 {
            timing.heartbeat = seconds
        }
        return timing
    }

    /// The live board for these steps, when the output style has one.
    func board(_ steps: [Step]) -> LiveStatus? {
        style.board ? LiveStatus(steps: steps, reporter: reporter) : nil
    }

    /// A command that will ask for a typed `y` is refused at once, before any read, when nobody can type it: `echo y
    /// | deploy` must not deploy, and must not first read and plan for nothing.
    /// In CI, where the approval belongs to the pipeline, that is bad input.
    func requireOperator(unless answered: Bool) throws(DeployError) {
        guard !answered else { return }
        if let ci {
            throw .usage(
                "in CI (\(ci.isGitHub ? "GITHUB_ACTIONS=true" : "CI=true")) nobody can answer the question: pass "
                    + "--yes, and keep the human approval in the pipeline (in GitHub Actions, the job's `environment:` "
                    + "with required reviewers); nothing was read or built")
        }
        if !prompt.isTerminal { throw .noOperator }
    }

    /// The tools a command reads with, before any of them runs: one line per missing tool.
    func requireTools(_ tools: [String]) throws(DeployError) {
        try Preflight.requireTools(tools, path: environment["PATH"])
    }

    /// The repository's common git folder (where the locks and the history live); nil outside a repository.
    func gitDirectory() async throws(DeployError) -> URL? {
        try await Workspace.gitDirectory(runner: runner(in: directory))
    }

}
