/// Where one service's rollout stands.
enum RolloutProgress: Equatable, Sendable {
    /// The new deployment completed and the old ones are drained: the new code serves alone.
    case steady
    /// Still rolling, with what ECS says (tasks running, old deployments draining).
    case rolling(String)
    /// The new deployment failed, or ECS rolled it back: never a success.
    case failed(String)

    /// What ECS says, in a few words.
    var detail: String {
        switch self {
        case .steady: return "steady"
        case .rolling(let detail), .failed(let detail): return detail
        }
    }
}

/// Judges a rollout from one `describe-services` answer. Pure. The new deployment is the one with the
/// newest revision among those whose task definition runs the applied image: that survives a
/// circuit-breaker rollback (which makes an older revision primary again), also when the older revision
/// runs the same image (a redeploy of one SHA with other settings).
enum RolloutJudge {
    /// `runsImage`: whether a task definition runs the applied image; nil while its images are unknown.
    /// `settling`: just after the apply, when ECS may not list the new deployment yet.
    static func judge(_ service: ECSService, runsImage: (String) -> Bool?, settling: Bool = false) -> RolloutProgress {
        if service.deployments.contains(where: { runsImage($0.taskDefinition) == nil }) {
            return .rolling("reading its task definitions")
        }
        guard let new = newDeployment(service, runsImage: runsImage) else {
            if settling { return .rolling("waiting for ECS to list the new deployment") }
            if runsImage(service.taskDefinition) == true {
                return .failed(
                    "ECS's answer does not add up: it names \(revision(service.taskDefinition)), which runs the new "
                        + "image, as the service's task definition, but lists no deployment of it; read the service's "
                        + "events, and check that the aws CLI on PATH is the one meant")
            }
            return .failed(
                "no deployment runs the new image: the apply did not point the service at it, or ECS rolled it back; "
                    + "it runs \(revision(service.taskDefinition))"
            )
        }
        let why = new.reason.map { ": \(Inert.field($0, limit: 300))" } ?? ""
        if new.status != "PRIMARY" {
            let primary =
                service.deployments.first { $0.status == "PRIMARY" }.map { revision($0.taskDefinition) }
                ?? "another revision"
            return .failed(
                "rolled back: ECS made \(primary) primary again"
                    + (new.rolloutState == "FAILED" ? "; the new deployment FAILED\(why)" : ""))
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

    /// The deployment of the newest revision among those that run the applied image.
    static func newDeployment(_ service: ECSService, runsImage: (String) -> Bool?) -> ECSDeployment? {
        service.deployments.filter { runsImage($0.taskDefinition) == true }.max {
            revisionNumber($0.taskDefinition) < revisionNumber($1.taskDefinition)
        }
    }

    static func revisionNumber(_ arn: String) -> Int {
        Int(arn.split(separator: ":").last ?? "") ?? 0
    }

    /// `arn:aws:ecs:...:task-definition/sandbox-auth:3` → `sandbox-auth:3`.
    static func revision(_ arn: String) -> String {
        arn.split(separator: "/").last.map(String.init) ?? arn
    }
}
