import Foundation

extension Deployer {
    /// `deploy unlock --var-file F`: the workspace's shared lock, removed after a typed `y` naming its holder
    /// (a deploy whose machine died, before its lock goes stale). A deploy still running loses it at its next
    /// heartbeat and stops before its next step.
    public func unlock() async throws(DeployError) {
        try Preflight.requireTools(["git", "terraform", "aws"], path: environment["PATH"])
        let workspace = try await openWorkspace()
        let session = session(for: workspace)
        let deployment = try await resolve(workspace, session)
        guard let (store, place) = objects(deployment, session) else {
            throw .refused(
                "workspace '\(deployment.workspaceName)' has no shared lock: terraform has no 'deploy_bucket' output, "
                    + "so its lock is this clone's, which ends with the deploy that holds it")
        }
        guard let (body, etag) = try await store.get(place.lockKey) else {
            reporter.result("no deploy holds workspace '\(place.workspace)' (\(place.lockURL))")
            return
        }
        let holder = LockHolder.decode(body)
        let age =
            holder?.heartbeatAge(now: Date()).map { "; its heartbeat was \(WaitTime.text($0.rounded())) ago" } ?? ""
        reporter.result("\(place.lockURL) is held by \(holder?.description ?? "a deploy it does not name")\(age)")
        let question = "Remove it? If that deploy still runs, it stops at its next heartbeat."
        if !plan.assumeYes { try prompt.confirm(question) }
        guard try await store.delete(place.lockKey, ifMatch: etag) else {
            throw .refused(
                "the lock changed while you were asked (renewed, taken over or released), so nothing was removed: "
                    + "run deploy unlock again to see who holds it now")
        }
        reporter.result("removed \(place.lockURL)")
    }
}
