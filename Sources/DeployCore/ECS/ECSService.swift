import Foundation

/// One ECS service as `aws ecs describe-services` reports it: the task definition it runs and its
/// deployments, what a rollout is judged on.
struct ECSService: Equatable, Sendable {
    /// One of the service's events (`has started 1 tasks`, `has reached a steady state`).
    struct Event: Equatable, Sendable {
        var at: Date?
        var message: String
    }

    var name: String
    var taskDefinition: String
    var deployments: [ECSDeployment]
    /// Newest first, as ECS lists them.
    var events: [Event] = []
    /// What sets the pace of its rollouts, as far as the service says (the task definition's stop timeout and the
    /// target groups' own settings are read apart).
    var pace = RolloutSettings()

    /// Every task definition the service names: the one it runs and those of its deployments.
    var taskDefinitions: Set<String> { Set([taskDefinition] + deployments.map(\.taskDefinition)) }

    /// Why it is not steady (rolling, a rollout that did not complete, tasks missing); nil when it is.
    var unsteadiness: String? {
        guard deployments.count <= 1 else { return "\(deployments.count) deployments: a rollout is under way" }
        guard let primary = deployments.first else { return "no deployment" }
        if let state = primary.rolloutState, state != "COMPLETED" { return "its deployment is \(state)" }
        if primary.running < primary.desired { return "\(primary.running) of \(primary.desired) tasks running" }
        return nil
    }
}

/// One of an ECS service's deployments: the task definition it rolls out, how far it got, and how it stands.
struct ECSDeployment: Equatable, Sendable {
    var id: String
    /// PRIMARY (the one ECS rolls towards), ACTIVE (an older one still running tasks) or INACTIVE.
    var status: String
    var taskDefinition: String
    /// IN_PROGRESS, COMPLETED or FAILED; absent when the service does not use the ECS deployment controller.
    var rolloutState: String?
    var reason: String?
    var running: Int
    var desired: Int
    /// ECS's count of the deployment's tasks that failed to start, to run or their health checks: what its
    /// circuit breaker counts.
    var failedTasks = 0
}
