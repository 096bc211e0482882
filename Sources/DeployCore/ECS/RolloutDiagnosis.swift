/// Why a service's rollout did not end steady, read from ECS and CloudWatch Logs right after: the service's
/// events since the apply, the new revision's stopped tasks and their containers' last log lines. Kept in
/// the JSON summary and the history, so it outlives ECS's purge of stopped tasks (about an hour).
struct RolloutDiagnosis: Codable, Equatable, Sendable {
    /// `10:42:07 (service sandbox-auth) has started 1 tasks: ...`, oldest first, at most 10.
    var events: [String] = []
    /// Most recent first, at most 3.
    var tasks: [StoppedTask] = []
    /// What could not be read, one line each; never an error of the deploy.
    var notes: [String] = []
}
