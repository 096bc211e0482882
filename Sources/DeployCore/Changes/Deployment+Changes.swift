extension Deployment {
    /// With `--changed`: deploy only the services marked DEPLOY, and pin the others to the tag they run.
    /// A rollback (live commit ahead of HEAD) is refused unless allowed.
    mutating func limit(to changes: [ServiceChange], allowRollback: Bool) throws(DeployError) {
        let deploying = changes.filter { $0.action == .deploy }
        if !allowRollback, let back = deploying.first(where: \.rollsBack) {
            throw .refused(
                "\(back.service): \(back.reason). Check out the newer commit, or pass --allow-rollback to deploy "
                    + "HEAD anyway"
            )
        }
        services = deploying.map(\.service)
        let live = changes.compactMap { change in change.liveTag.map { (change.service, $0) } }
        pinnedTags = Dictionary(uniqueKeysWithValues: live.filter { pair in !services.contains(pair.0) })
        previousTags = Dictionary(uniqueKeysWithValues: live)
    }
}
