/// One container of a running task, as `aws ecs describe-tasks` reports it: the image it was given (a tag) and
/// the digest ECS pulled for it.
struct TaskImage: Equatable, Sendable {
    /// The task's id, the last part of its ARN.
    var task: String
    var taskDefinition: String
    /// `service:<name>` for a service's task.
    var group: String? = nil
    var container: String
    var image: String?
    /// nil when ECS has not said (a task still starting).
    var digest: String?
}
