extension Deployment {
    /// With `--changed`: deploy only the services marked DEPLOY, and pin the others to the tag they run.
    /// What would roll a service back, or ship a rolled-back commit again, is refused unless allowed.
    mutating func limit(to changes: [ServiceChange], allowRollback: Bool, allowRedeploy: Bool = false)
        throws(DeployError)
    {
        let deploying = RollGuard.deploying(changes, allowRedeploy: allowRedeploy)
        let refusal = RollGuard.refusal(
            deploying + changes.filter { $0.action == .held }, allowRollback: allowRollback,
            allowRedeploy: allowRedeploy)
        if let refusal { throw refusal }
        services = deploying.map(\.service)
        reasons = Dictionary(deploying.map { ($0.service, $0.reason) }) { first, _ in first }
        let live = RollGuard.liveTags(changes)
        pinnedTags = live.filter { !services.contains($0.key) }
        previousTags = live
    }

    /// Any deploy that rolls services: none of them may be rolled back or get a rolled-back commit again, unless
    /// allowed. Records what each ran before.
    mutating func check(_ changes: [ServiceChange], allowRollback: Bool, allowRedeploy: Bool) throws(DeployError) {
        let rolled = changes.filter { services.contains($0.service) }
        if let refusal = RollGuard.refusal(rolled, allowRollback: allowRollback, allowRedeploy: allowRedeploy) {
            throw refusal
        }
        previousTags = RollGuard.liveTags(changes)
    }
}
