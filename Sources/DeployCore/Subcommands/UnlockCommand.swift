import Foundation

/// What `deploy unlock` is asked: whose lock, and whether to ask first.
struct UnlockOptions: Equatable, Sendable {
    var target = TargetOptions()
    var assumeYes = false
}

/// `deploy unlock --var-file F`: the workspace's shared lock, removed after a typed `y` naming its holder (a deploy
/// whose machine died, before its lock goes stale). A deploy still running loses it at its next heartbeat and
/// stops before its next step.
struct UnlockCommand: Sendable {
    let options: UnlockOptions
    let context: DeployContext

    func run() async throws(DeployError) {
        try context.requireOperator(unless: options.assumeYes)
        try context.requireTools(["git", "terraform", "aws"])
        let opened = try await context.open(options.target)
        guard let (store, place) = opened.objects else {
            throw .refused(
                "workspace '\(opened.target.workspaceName)' has no shared lock: terraform has no 'deploy_bucket' "
                    + "output, so its lock is this clone's, which ends with the deploy that holds it")
        }
        guard let (body, etag) = try await store.get(place.lockKey) else {
            context.reporter.result("no deploy holds workspace '\(place.workspace)' (\(place.lockURL))")
            return
        }
        let holder = LockHolder.decode(body)
        let age =
            holder?.heartbeatAge(now: Date()).map { "; its heartbeat was \(WaitTime.text($0.rounded())) ago" } ?? ""
        context.reporter.result(
            "\(place.lockURL) is held by \(holder?.description ?? "a deploy it does not name")\(age)")
        let question = "Remove it? If that deploy still runs, it stops at its next heartbeat."
        if !options.assumeYes { try context.prompt.confirm(question) }
        guard try await store.delete(place.lockKey, ifMatch: etag) else {
            throw .refused(
                "the lock changed while you were asked (renewed, taken over or released), so nothing was removed: "
                    + "run deploy unlock again to see who holds it now")
        }
        context.reporter.result("removed \(place.lockURL)")
    }
}
