import Foundation

/// Reads the JSON the aws CLI prints for the calls that explain a failed rollout: stopped tasks, the task
/// definition's containers and log settings, and log events.
enum TaskDocuments {
    /// `list-tasks`: the task ARNs.
    static func taskArns(_ data: Data) -> [String] {
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        return object?["taskArns"] as? [String] ?? []
    }

    /// `describe-tasks`: every task it describes.
    static func tasks(_ data: Data) -> [StoppedTask] {
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        return ((object?["tasks"] as? [[String: Any]]) ?? []).map { task in
            let arn = task["taskArn"] as? String ?? "?"
            let containers = ((task["containers"] as? [[String: Any]]) ?? []).map { container in
                StoppedTask.Container(
                    name: container["name"] as? String ?? "?", exitCode: container["exitCode"] as? Int,
                    reason: container["reason"] as? String)
            }
            return StoppedTask(
                id: arn.split(separator: "/").last.map(String.init) ?? arn,
                taskDefinition: task["taskDefinitionArn"] as? String ?? "?",
                stoppedAt: ECSDocuments.date(task["stoppedAt"]).map(ECSDocuments.iso),
                stopCode: task["stopCode"] as? String,
                stoppedReason: task["stoppedReason"] as? String, containers: containers)
        }
    }

    /// `describe-tasks`: each container of each task with the image it was given and the digest ECS resolved it to.
    static func images(_ data: Data) -> [TaskImage] {
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        return ((object?["tasks"] as? [[String: Any]]) ?? []).flatMap { task in
            let arn = task["taskArn"] as? String ?? "?"
            return ((task["containers"] as? [[String: Any]]) ?? []).map { container in
                TaskImage(
                    task: arn.split(separator: "/").last.map(String.init) ?? arn,
                    taskDefinition: task["taskDefinitionArn"] as? String ?? "?", group: task["group"] as? String,
                    container: container["name"] as? String ?? "?", image: container["image"] as? String,
                    digest: container["imageDigest"] as? String)
            }
        }
    }

    /// `describe-task-definition`: each container, whether it is essential (the default) and its awslogs settings.
    static func details(_ data: Data) -> TaskDefinitionDetails? {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let definition = object["taskDefinition"] as? [String: Any],
            let containers = definition["containerDefinitions"] as? [[String: Any]]
        else { return nil }
        return TaskDefinitionDetails(
            containers: containers.map { container in
                let configuration = container["logConfiguration"] as? [String: Any]
                let options = configuration?["options"] as? [String: String] ?? [:]
                let logs =
                    (configuration?["logDriver"] as? String == "awslogs")
                    ? options["awslogs-group"].map {
                        TaskDefinitionDetails.Logs(
                            group: $0, streamPrefix: options["awslogs-stream-prefix"], region: options["awslogs-region"]
                        )
                    } : nil
                return TaskDefinitionDetails.Container(
                    name: container["name"] as? String ?? "?", essential: container["essential"] as? Bool ?? true,
                    logs: logs)
            })
    }

    /// `get-log-events`: the messages, oldest first.
    static func logLines(_ data: Data) -> [String] {
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        return ((object?["events"] as? [[String: Any]]) ?? []).compactMap { $0["message"] as? String }
            .map { $0.trimmingCharacters(in: .newlines) }
    }
}
