/// Where one service's rollout stands.
public enum RolloutProgress: Equatable, Sendable {
    /// The new deployment completed and the old ones are drained: the new code serves alone.
    case steady
    /// Still rolling, with what ECS says (tasks running, old deployments draining).
    case rolling(String)
    /// The new deployment failed, or ECS rolled it back: never a success.
    case failed(String)
}

/// Judges a rollout from one `describe-services` answer. Pure. The new deployment is the one whose task
/// definition runs the image that was applied: the only test that survives a circuit-breaker rollback,
/// which makes the old task definition primary again.
public enum RolloutJudge {
    /// `isNew`: whether a task definition runs the applied image; nil while its images are unknown.
    public static func judge(_ service: ServiceDeployments?, isNew: (String) -> Bool?) -> RolloutProgress {
        guard let service else { return .failed("ECS has no active service of that name") }
        if service.deployments.contains(where: { isNew($0.taskDefinition) == nil }) {
            return .rolling("reading its task definitions")
        }
        guard let new = service.deployments.first(where: { isNew($0.taskDefinition) == true }) else {
            return .failed("no ECS deployment runs the new image: the service runs \(revision(service.taskDefinition)); it was rolled back or changed since")
        }
        let why = new.reason.map { ": \($0)" } ?? ""
        if new.status != "PRIMARY" {
            let primary = service.deployments.first { $0.status == "PRIMARY" }.map { revision($0.taskDefinition) } ?? "another revision"
            return .failed("rolled back: ECS made \(primary) primary again" + (new.rolloutState == "FAILED" ? "; the new deployment FAILED\(why)" : ""))
        }
        if new.rolloutState == "FAILED" { return .failed("the new deployment FAILED\(why)") }
        let old = service.deployments.filter { $0 != new }
        let completed = new.rolloutState.map { $0 == "COMPLETED" } ?? true
        if completed && old.isEmpty && new.running >= new.desired { return .steady }
        var detail = "\(new.running)/\(new.desired) tasks of \(revision(new.taskDefinition))"
        if !old.isEmpty {
            detail += ", old deployment(s) still running \(old.map(\.running).reduce(0, +)) task(s)"
        }
        return .rolling(detail)
    }

    /// `arn:aws:ecs:...:task-definition/sandbox-auth:3` → `sandbox-auth:3`.
    public static func revision(_ arn: String) -> String {
        arn.split(separator: "/").last.map(String.init) ?? arn
    }
}
