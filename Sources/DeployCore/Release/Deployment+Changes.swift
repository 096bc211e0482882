extension Deployment {
    /// With `--changed`: deploy only the services marked DEPLOY, and pin the others to the tag they run.
    /// What would roll a service back, or ship a rolled-back commit again, is refused unless allowed.
    mutating func limit(to changes: [ServiceChange], allowRollback: Bool, allowRedeploy: Bool = false)
        throws(DeployError)
    {
        let deploying = changes.filter { $0.action == .deploy || ($0.action == .held && allowRedeploy) }
        try Self.refuse(
            deploying + changes.filter { $0.action == .held }, allowRollback: allowRollback,
            allowRedeploy: allowRedeploy)
        services = deploying.map(\.service)
        let live = changes.compactMap { change in change.liveTag.map { (change.service, $0) } }
        pinnedTags = Dictionary(uniqueKeysWithValues: live.filter { pair in !services.contains(pair.0) })
        previousTags = Dictionary(uniqueKeysWithValues: live)
    }

    /// Any deploy that rolls services: none of them may be rolled back (its live commit is not in HEAD's
    /// history) or get a rolled-back commit again, unless allowed. Records what each ran before.
    mutating func check(_ changes: [ServiceChange], allowRollback: Bool, allowRedeploy: Bool) throws(DeployError) {
        let rolled = changes.filter { services.contains($0.service) }
        try Self.refuse(rolled, allowRollback: allowRollback, allowRedeploy: allowRedeploy)
        previousTags = Dictionary(
            uniqueKeysWithValues: changes.compactMap { change in change.liveTag.map { (change.service, $0) } })
    }

    private static func refuse(_ changes: [ServiceChange], allowRollback: Bool, allowRedeploy: Bool)
        throws(DeployError)
    {
        let back = allowRollback ? [] : changes.filter(\.rollsBack)
        if !back.isEmpty {
            throw .refused(
                back.map { "\($0.service): \($0.reason)" }.joined(separator: "; ")
                    + ". Check out the newer commit, or pass --allow-rollback to deploy HEAD anyway")
        }
        let again = allowRedeploy ? [] : changes.filter { $0.action == .held }
        if !again.isEmpty {
            throw .refused(
                "not deploying what was rolled back: "
                    + again.map { "\($0.service) was \($0.reason.prefix { $0 != "," })" }.joined(separator: "; ")
                    + ", and HEAD has nothing new for it since. Commit the fix first, or pass --allow-redeploy to ship "
                    + "it again")
        }
    }
}
