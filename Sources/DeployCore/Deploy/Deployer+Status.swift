extension Deployer {
    /// `deploy status`: what `--changed` would do, read-only.
    public func status() async throws(DeployError) {
        let workspace = try await openWorkspace()
        let session = session(for: workspace)
        let deployment = try await resolve(workspace, session)
        let history = try await readHistory(deployment, session).records
        let changes = try await session.changes.changes(deployment.target, history: history)
        if plan.json {
            reporter.document(ChangeText.json(changes, head: deployment.head))
        } else {
            reporter.result(ChangeText.table(changes, head: deployment.head, verbose: plan.verbose))
        }
    }
}
