/// What a deploy may roll: never a service whose live commit HEAD does not contain (deploying would roll it back),
/// nor one whose last deploy was rolled back while HEAD has nothing new for it (deploying would ship the undone
/// commit again), unless the operator allowed it. Pure: verdicts in, a refusal naming every such service out.
enum RollGuard {
    /// `changes`: the verdicts of the services this deploy would roll.
    static func refusal(_ changes: [ServiceChange], allowRollback: Bool, allowRedeploy: Bool) -> DeployError? {
        let back = allowRollback ? [] : changes.filter(\.rollsBack)
        if !back.isEmpty {
            return .refused(
                back.map { "\($0.service): \($0.reason)" }.joined(separator: "; ")
                    + ". Check out the newer commit, or pass --allow-rollback to deploy HEAD anyway")
        }
        let again = allowRedeploy ? [] : changes.filter { $0.action == .held }
        if !again.isEmpty {
            return .refused(
                "not deploying what was rolled back: "
                    + again.map { "\($0.service) was \($0.reason.prefix { $0 != "," })" }.joined(separator: "; ")
                    + ", and HEAD has nothing new for it since. Commit the fix first, or pass --allow-redeploy to ship "
                    + "it again")
        }
        return nil
    }

    /// With `--changed`: the services marked DEPLOY (and HELD ones when redeploying is allowed), in order.
    static func deploying(_ changes: [ServiceChange], allowRedeploy: Bool) -> [ServiceChange] {
        changes.filter { $0.action == .deploy || ($0.action == .held && allowRedeploy) }
    }

    /// What each service runs now, where it is known: the tags a deploy pins and returns to.
    static func liveTags(_ changes: [ServiceChange]) -> [String: String] {
        Dictionary(changes.compactMap { change in change.liveTag.map { (change.service, $0) } }) { first, _ in first }
    }
}
