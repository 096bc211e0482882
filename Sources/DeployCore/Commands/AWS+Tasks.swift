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

    /// The ARNs of the cluster's running tasks (the CLI follows the pages): after the rollouts end steady, whose
    /// images are compared by digest, every service's at once.
    static func listRunningTasks(cluster: String) -> Command {
        Command("aws", ["ecs", "list-tasks", "--cluster", cluster, "--desired-status", "RUNNING", "--output", "json"])
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

/// A task before a roll: a copy of the service's task definition with the new image, run once, watched, and
/// deregistered.
extension AWS {
    /// Registers the task definition in `file` (a `register-task-definition` input, written by deploy, 0600).
    static func registerTaskDefinition(inputFile file: String) -> Command {
        Command(
            "aws", ["ecs", "register-task-definition", "--cli-input-json", "file://\(file)", "--output", "json"])
    }

    /// One task of `taskDefinition` in `cluster`, its `container` running `command`; `launch` holds how the service
    /// launches (`--launch-type` or `--capacity-provider-strategy`, `--platform-version`, `--network-configuration`).
    static func runTask(
        cluster: String, taskDefinition: String, container: String, command: [String], launch: [String],
        startedBy: String
    ) -> Command {
        struct Override: Encodable {
            var name: String
            var command: [String]
        }
        let overrides = JSONText.line(["containerOverrides": [Override(name: container, command: command)]])
        return Command(
            "aws",
            [
                "ecs", "run-task", "--cluster", cluster, "--task-definition", taskDefinition, "--count", "1",
                "--started-by", startedBy,
            ] + launch + ["--overrides", overrides, "--output", "json"])
    }

    static func stopTask(cluster: String, task: String, reason: String) -> Command {
        Command(
            "aws", ["ecs", "stop-task", "--cluster", cluster, "--task", task, "--reason", reason, "--output", "json"])
    }

    static func deregisterTaskDefinition(_ arn: String) -> Command {
        Command(
            "aws",
            [
                "ecs", "deregister-task-definition", "--task-definition", arn, "--query",
                "taskDefinition.taskDefinitionArn", "--output", "text",
            ])
    }
}
