import Foundation

/// What `deploy check` is asked: which environment, read with which profile, and how a deploy there would build.
struct CheckOptions: Equatable, Sendable {
    var target = TargetOptions()
    /// `--builder`: the remote BuildKit builder a deploy would build on, asked instead of the local engine.
    var builder: String?
    var minimumFreeGB = 8
}

/// `deploy check --var-file F`: every read-only check a deploy makes, and what a deploy would find out only late,
/// all at once, one finding each with its fix; exit 1 when any fails. Never builds, writes or locks.
struct CheckCommand: Sendable {
    let options: CheckOptions
    let context: DeployContext

    func run() async throws(DeployError) {
        let tools = await ToolFindings(
            runner: context.runner(in: context.directory), path: context.environment["PATH"], builder: options.builder
        ).lines()
        let findings = tools + (await environmentFindings())
        if let signal = context.children.interruption { throw .interrupted(signal: signal) }
        if context.style.json {
            context.reporter.document(ReadinessText.json(findings))
        } else {
            context.reporter.result(ReadinessText.table(findings))
        }
        let failed = findings.count(where: { $0.verdict == .fail })
        if failed > 0 {
            throw .refused(
                "\(failed) of \(findings.count(where: \.verdict.isCheck)) checks failed: the environment is "
                    + "not ready to be deployed to")
        }
    }

    /// The workspace, the account, terraform's outputs, then the resources they name.
    private func environmentFindings() async -> [Finding] {
        let workspace: Workspace
        switch await outcome({ () async throws(DeployError) in try await context.openWorkspace(options.target) }) {
        case .failure(let error): return [.fail("workspace", error), .skipped("aws", "needs the workspace")]
        case .success(let opened): workspace = opened
        }
        let unread = Opened(workspace: workspace, context: context)
        async let account = outcome { () async throws(DeployError) in try await unread.account() }
        var findings = [Finding.ok("workspace", "\(workspace.services.count) services in \(workspace.root.path)")]
        let opened: Opened
        switch await outcome({ () async throws(DeployError) in
            try await unread.read(expecting: options.target.workspace)
        }) {
        case .failure(let error):
            return findings + [
                .fail("terraform", error), accountFinding(await account), .skipped("aws", "needs the outputs"),
            ]
        case .success(let read):
            opened = read
            findings.append(.ok("terraform", "workspace \(opened.target.workspaceName), outputs read"))
        }
        findings.append(accountFinding(await account))
        findings += await CheckoutFindings(
            runner: opened.runner, root: workspace.root, minimumFreeGB: options.minimumFreeGB,
            builder: options.builder
        ).lines()
        let (facts, spas) = (opened.target.facts, workspace.config.spas.map(\.name))
        findings += OutputFindings(facts: facts, services: workspace.services, spas: spas).lines()
        guard case .success = await account else { return findings + [.skipped("aws", "needs working credentials")] }
        // What it describes is not kept: deploy check writes nothing.
        var resources = ResourceFindings(
            runner: opened.runner, reader: ECSReader(runner: opened.runner, cache: TaskDefinitionCache(file: nil)),
            facts: facts,
            services: workspace.services, spas: spas, lock: opened.target.bucket)
        resources.healthURLs =
            facts.apiBaseURL.map { base in
                workspace.services.map { ($0, base + workspace.config.apiPrefix(for: $0) + "/health") }
            } ?? []
        return findings + (await resources.lines())
    }

    private func accountFinding(_ account: Result<Account, DeployError>) -> Finding {
        switch account {
        case .success(let account):
            .ok("account", "\(account.id) as \(account.arn) (\(account.credentials), region \(account.region))")
        case .failure(let error): .fail("account", error)
        }
    }
}
