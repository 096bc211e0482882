/// The reads that say why a rollout failed: the service's stopped tasks, and their containers' logs.
extension AWS {
    /// ECS takes at most this many tasks per `describe-tasks` call.
    static let tasksPerDescribe = 100

    /// The task ARNs in batches `describe-tasks` takes.
    static func taskBatches(_ arns: [String]) -> [[String]] {
        stride(from: 0, to: arns.count, by: tasksPerDescribe).map {
            Array(arns[$0..<min($0 + tasksPerDescribe, arns.count)])
        }
    }

    /// The ARNs of the service's stopped tasks (ECS keeps them for about an hour).
    static func listStoppedTasks(cluster: String, service: String) -> Command {
        Command(
            "aws",
            [
                "ecs", "list-tasks", "--cluster", cluster, "--service-name", service, "--desired-status", "STOPPED",
                "--output", "json",
            ])
    }

    /// The ARNs of the service's running tasks: after a steady rollout, whose images are compared by digest.
    static func listRunningTasks(cluster: String, service: String) -> Command {
        Command(
            "aws",
            [
                "ecs", "list-tasks", "--cluster", cluster, "--service-name", service, "--desired-status", "RUNNING",
                "--output", "json",
            ])
    }

    static func describeTasks(cluster: String, tasks: [String]) -> Command {
        Command("aws", ["ecs", "describe-tasks", "--cluster", cluster, "--tasks"] + tasks + ["--output", "json"])
    }

    /// The last `limit` events of one CloudWatch Logs stream, newest last.
    static func lastLogEvents(group: String, stream: String, region: String?, limit: Int) -> Command {
        Command(
            "aws",
            [
                "logs", "get-log-events", "--log-group-name", group, "--log-stream-name", stream,
                "--no-start-from-head", "--limit", String(limit), "--output", "json",
            ] + (region.map { ["--region", $0] } ?? []))
    }
}
