import Foundation

/// Carries a plan out: checks the input, reads the facts (git, terraform outputs, ECS, the AWS account),
/// shows the summary, asks for the typed `y`, then runs the steps. The imperative shell of a deploy;
/// everything it decides is decided by pure code it calls.
public struct Deployer: Sendable {
    typealias RunnerFactory = @Sendable (_ environment: [String: String], _ directory: URL) -> any CommandRunner

    let plan: DeployPlan
    let environment: [String: String]
    let currentDirectory: URL
    let reporter: Reporter
    let prompt: Prompt
    let makeRunner: RunnerFactory
    let children: ChildRegistry

    public init(plan: DeployPlan, environment: [String: String], currentDirectory: URL, reporter: Reporter) {
        self.init(plan: plan, environment: environment, currentDirectory: currentDirectory, reporter: reporter, children: .shared)
    }

    /// `prompt` and `makeRunner` default to the terminal and real processes; tests script them.
    init(plan: DeployPlan, environment: [String: String], currentDirectory: URL, reporter: Reporter,
         prompt: Prompt? = nil, children: ChildRegistry, makeRunner: RunnerFactory? = nil) {
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
        do {
            if plan.mode == .rollback { try await rollBack() } else { try await deploy() }
        } catch {
            if plan.json && !reporter.hasDocument { reporter.document(DeploySummary.stopped(error)) }
            throw error
        }
    }

    private func deploy() async throws(DeployError) {
        let opening = try await open(readsAccountEarly: plan.mode != .changed)
        var inputs = inputs(opening)
        let reader = ChangeReader(workspace: opening.workspace, reporter: reporter)
        var previous: [String: String] = [:]
        if plan.mode == .changed {
            guard let changes = try await changesToDeploy(opening, reader) else { return }
            try inputs.limit(to: changes, allowRollback: plan.allowRollback)
            previous = Dictionary(uniqueKeysWithValues: changes.compactMap { change in change.liveTag.map { (change.service, $0) } })
        }
        var release = try Release(resolving: inputs)
        let (readsLive, known) = (plan.mode != .changed && release.apply != nil, previous)
        async let live = outcome { () async throws(DeployError) in
            readsLive ? try await reader.liveTags(facts: opening.facts) : known
        }
        // A tag already in ECR is only trusted as this commit's build when the tree is clean.
        if !plan.forceRebuild && !plan.allowDirty {
            let (sitesToCheck, tag, runner) = (release.sites, release.tag, opening.workspace.runner)
            async let sites = outcome { () async throws(DeployError) in try await SiteCheck(runner: runner).upToDate(sitesToCheck, tag: tag) }
            release.markInRegistry(try await RegistryCheck(runner: runner).present(release.images))
            release.markUpToDate(try await sites.get())
        }
        let liveTags = await live
        try await Preflight(plan: plan, workspace: opening.workspace, release: release, environment: environment).run()
        let who = try await opening.account(environment: environment)
        // After the account: failing credentials are reported as such, not as a failed ECS read.
        previous = try liveTags.get()
        reporter.result(PlanText.summary(release, account: who, workspace: opening.terraformWorkspace, previous: previous))
        try await carryOut(release, Context(opening, account: who, previousTags: previous))
    }

    /// With --changed: the DEPLOY/skip table; nil (and said so) when nothing changed.
    private func changesToDeploy(_ opening: Opening, _ reader: ChangeReader) async throws(DeployError) -> [ServiceChange]? {
        let changes = try await reader.changes(facts: opening.facts, head: opening.head)
        reporter.result(ChangeText.table(changes, head: opening.head, verbose: plan.verbose))
        if changes.contains(where: { $0.action == .deploy }) { return changes }
        reporter.result("nothing to deploy: no service changed since the commit it runs")
        if plan.json {
            let nothing = Release(tag: opening.head, dockerfile: opening.workspace.config.dockerfile, images: [], sites: [], apply: nil)
            reporter.document(DeploySummary(release: nothing, outcomes: [], notRun: [], seconds: Date().timeIntervalSince(opening.started),
                                            error: nil, result: .nothingToDeploy).json)
        }
        return nil
    }

    /// `deploy prune`: the two safe clean-up commands of the runbook, after a confirmation. Inside the
    /// platform checkout it takes every workspace's lock first: pruning under a running deploy would
    /// remove the images it is building.
    public func prune() async throws(DeployError) {
        let steps = [Step(.prune, "build cache", .run(Docker.pruneBuildCache())), Step(.prune, "images", .run(Docker.pruneImages()))]
        try Preflight.requireTools(["docker"], path: environment["PATH"])
        let locks = try await DeployLock.acquireAll(gitDirectory: try await commonGitDirectory(), reporter: reporter)
        defer { locks.forEach { $0.release() } }
        let question = "Run `docker builder prune -af` and `docker image prune -af`? This removes the build cache and every image no container uses; volumes are kept."
        if !plan.assumeYes && !prompt.confirm(question) { throw .declined }
        let runner = makeRunner(environment, currentDirectory)
        let (_, failure) = await Executor(runner: runner, reporter: reporter, children: children, retry: .none).run(steps)
        if let failure { throw failure }
        reporter.result("pruned the docker build cache and unused images")
    }

    /// `deploy status`: what `--changed` would do, read-only.
    public func status() async throws(DeployError) {
        let workspace = try await Workspace.open(plan: plan, environment: environment, currentDirectory: currentDirectory,
                                                 prompt: prompt, makeRunner: makeRunner)
        let (head, facts, _) = try await readTerraform(workspace, Queries(runner: workspace.runner, reporter: reporter))
        let changes = try await ChangeReader(workspace: workspace, reporter: reporter).changes(facts: facts, head: head)
        if plan.json {
            reporter.document(ChangeText.json(changes, head: head))
        } else {
            reporter.result(ChangeText.table(changes, head: head, verbose: plan.verbose))
        }
    }

    /// HEAD's short SHA and terraform's outputs, read together; the selected workspace is checked against
    /// the var-file before any output is used.
    func readTerraform(_ workspace: Workspace, _ queries: Queries) async throws(DeployError) -> (String, EnvironmentFacts, String?) {
        async let tag = outcome { () async throws(DeployError) in try await queries.shortHead() }
        async let facts = outcome { () async throws(DeployError) in try await queries.environmentFacts(terraformDir: workspace.config.terraformDir) }
        let terraformWorkspace = try await queries.terraformWorkspace(terraformDir: workspace.config.terraformDir)
        try Preflight.checkWorkspace(terraformWorkspace, plan: plan, varFile: workspace.varFile, terraformDir: workspace.config.terraformDir)
        return (try await tag.get(), try await facts.get(), terraformWorkspace)
    }
}
