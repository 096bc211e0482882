import Foundation

extension Deployer {
    /// `deploy check --var-file F`: every read-only check a deploy makes, and what a deploy would find out only
    /// late, all at once, one line each with its fix; exit 1 when any fails. Never builds, writes or locks.
    public func check() async throws(DeployError) {
        let tools = await ToolFindings(
            runner: makeRunner(environment, startDirectory), path: environment["PATH"], builder: plan.builder
        ).lines()
        let lines = tools + (await environmentLines())
        if let signal = children.interruption { throw .interrupted(signal: signal) }
        if plan.json {
            reporter.document(ReadinessText.json(lines))
        } else {
            reporter.result(ReadinessText.table(lines))
        }
        let failed = lines.count(where: { $0.verdict == .fail })
        if failed > 0 {
            throw .refused("\(failed) of \(lines.count) checks failed: the environment is not ready to be deployed to")
        }
    }

    /// The workspace, the account, terraform's outputs, then the resources they name.
    private func environmentLines() async -> [Finding] {
        let workspace: Workspace
        switch await outcome({ () async throws(DeployError) in try await openWorkspace() }) {
        case .failure(let error): return [.fail("workspace", error), .skipped("aws", "needs the workspace")]
        case .success(let opened): workspace = opened
        }
        let session = session(for: workspace)
        async let account = outcome { () async throws(DeployError) in
            try await session.queries.account(profile: workspace.profile, environment: environment)
        }
        let deployment: Deployment
        var lines = [Finding.ok("workspace", "\(workspace.services.count) services in \(workspace.root.path)")]
        switch await outcome({ () async throws(DeployError) in try await resolve(workspace, session) }) {
        case .failure(let error):
            return lines + [
                .fail("terraform", error), accountLine(await account), .skipped("aws", "needs the outputs"),
            ]
        case .success(let resolved):
            deployment = resolved
            lines.append(.ok("terraform", "workspace \(deployment.workspaceName), outputs read"))
        }
        lines.append(accountLine(await account))
        lines += await CheckoutFindings(
            runner: session.runner, root: workspace.root, minimumFreeGB: plan.minimumFreeGB, builder: plan.builder
        ).lines()
        let spas = workspace.config.spas.map(\.name)
        lines += OutputFindings(facts: deployment.facts, services: workspace.services, spas: spas).lines()
        guard case .success = await account else { return lines + [.skipped("aws", "needs working credentials")] }
        let resources = ResourceFindings(
            runner: session.runner, reader: ECSReader(runner: session.runner, cache: session.cache),
            facts: deployment.facts,
            services: workspace.services, spas: spas, lock: deployment.bucket)
        return lines + (await resources.lines())
    }

    private func accountLine(_ account: Result<Account, DeployError>) -> Finding {
        switch account {
        case .success(let account):
            .ok("account", "\(account.id) as \(account.arn) (profile \(account.profile), region \(account.region))")
        case .failure(let error): .fail("account", error)
        }
    }
}
