/// One unit of a deploy, in the fixed order: its phase, what it is about (a service, an SPA, a registry),
/// and the action it runs.
public struct Step: Equatable, Sendable {
    public enum Phase: String, Equatable, Sendable, CaseIterable {
        case buildDependencies = "build deps"
        case build
        case login
        case push
        case buildSPA = "build spa"
        case upload
        case invalidate
        /// Records in the bucket which build it now holds, so a re-run can skip it.
        case mark
        /// Checks that an image the apply will reference is in ECR.
        case imageCheck = "check"
        case apply
        case prune
        /// After the apply: ECS's deployments of a service, watched until steady (not run by the executor).
        case rollout
        /// After a steady rollout: the service's health endpoints (not run by the executor).
        case health
    }

    public var phase: Phase
    public var subject: String?
    public var action: Action

    public init(_ phase: Phase, _ subject: String? = nil, _ action: Action) {
        self.phase = phase
        self.subject = subject
        self.action = action
    }

    /// `build clinical-api`, `apply`: the prefix of the step's output lines.
    public var label: String { subject.map { "\(phase.rawValue) \($0)" } ?? phase.rawValue }
}
