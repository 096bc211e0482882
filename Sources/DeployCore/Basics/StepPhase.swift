/// The kinds of work a deploy does, in the runbook's order: the vocabulary that steps, the schedule,
/// retries, failures and every output share.
enum StepPhase: String, Equatable, Sendable, CaseIterable, Codable {
    case buildDependencies = "build deps"
    case build
    case login
    case push
    /// `deploy promote`: an image copied from another environment's registry, registry to registry, by digest.
    case copy
    case buildSPA = "build spa"
    case upload
    case invalidate
    /// Records in the bucket which build it now holds, so a re-run can skip it.
    case mark
    /// Expectations that an image the apply will reference is in ECR.
    case imageCheck = "check"
    /// A service's task before its roll (a migration), run once as an ECS task on its new image.
    case task
    /// `terraform plan`: what the apply will do, made before it (read-only).
    case plan
    case apply
    case prune
    /// After the apply: ECS's deployments of a service, watched until steady (not run by the executor).
    case rollout
    /// After a steady rollout: the service's health endpoints (not run by the executor).
    case health

    /// `build clinical-api`, `apply`: how a step of this phase about `subject` is named.
    func label(_ subject: String?) -> String {
        subject.map { "\(rawValue) \($0)" } ?? rawValue
    }
}
