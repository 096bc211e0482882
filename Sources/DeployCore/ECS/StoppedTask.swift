import Foundation

/// A task ECS stopped, as `aws ecs describe-tasks` reports it: why, and how each container ended; with the
/// last lines each container logged, once read.
struct StoppedTask: Codable, Equatable, Sendable {
    struct Container: Codable, Equatable, Sendable {
        var name: String
        /// nil when it never ran (an image that could not be pulled, a secret that could not be read).
        var exitCode: Int?
        var reason: String?
        /// Its log stream's last lines, oldest first; nil when not read.
        var logs: [String]?
        /// Why there are no lines: no awslogs driver, a missing group or stream, a failed read.
        var logNote: String?
    }

    /// The task's id, the last part of its ARN.
    var id: String
    var taskDefinition: String
    /// ISO 8601, as ECS said it.
    var stoppedAt: String?
    var stopCode: String?
    var stoppedReason: String?
    var containers: [Container]

    /// For ordering, most recent first.
    var stoppedDate: Date? { stoppedAt.flatMap(ECSDocuments.date) }
}

/// What a diagnosis needs of a task definition: which containers are essential and where each logs.
struct TaskDefinitionDetails: Equatable, Sendable {
    /// The `awslogs` driver's options: stream `<prefix>/<container>/<task id>` in `group`.
    struct Logs: Equatable, Sendable {
        var group: String
        var streamPrefix: String?
        var region: String?
    }

    struct Container: Equatable, Sendable {
        var name: String
        var essential: Bool
        var logs: Logs?
    }

    var containers: [Container]

    /// The containers marked `"essential": false`: their exit does not stop the task.
    var nonEssentialNames: Set<String> { Set(containers.filter { !$0.essential }.map(\.name)) }

    func container(_ name: String) -> Container? { containers.first { $0.name == name } }
}
