import Foundation

/// A service's task definition, copied for a task before its roll: every field `register-task-definition` takes
/// (roles, network mode, secrets, logs, sizes), under deploy's own family, with the container that runs the
/// service's repository given the new image. Pure.
struct TaskDefinitionCopy: Equatable, Sendable {
    /// The `register-task-definition` input, as JSON.
    var input: Data
    /// The container that runs the image: the one whose command the task overrides.
    var container: String

    static let registerKeys = [
        "family", "taskRoleArn", "executionRoleArn", "networkMode", "containerDefinitions", "volumes",
        "placementConstraints", "requiresCompatibilities", "cpu", "memory", "pidMode", "ipcMode",
        "proxyConfiguration", "inferenceAccelerators", "ephemeralStorage", "runtimePlatform",
    ]

    /// From `describe-task-definition`'s answer: `repositoryURL` names the container, `image` is what it runs now.
    static func make(_ data: Data, family: String, repositoryURL: String, image: String) throws(DeployError)
        -> TaskDefinitionCopy
    {
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        guard let definition = object?["taskDefinition"] as? [String: Any],
            var containers = definition["containerDefinitions"] as? [[String: Any]]
        else {
            throw .configuration("`aws ecs describe-task-definition` did not print a task definition")
        }
        guard
            let index = containers.firstIndex(where: { container in
                let current = container["image"] as? String ?? ""
                return current.hasPrefix(repositoryURL + ":") || current.hasPrefix(repositoryURL + "@")
            })
        else {
            throw .configuration(
                "no container of \(RolloutJudge.revision(definition["taskDefinitionArn"] as? String ?? "?")) runs "
                    + "\(repositoryURL), so deploy cannot tell which container runs the task before the roll")
        }
        containers[index]["image"] = image
        var input = definition.filter { registerKeys.contains($0.key) }
        input["family"] = family
        input["containerDefinitions"] = containers
        guard let text = JSONText.line(object: input) else {
            throw .configuration("the task definition could not be copied as JSON")
        }
        return TaskDefinitionCopy(input: Data(text.utf8), container: containers[index]["name"] as? String ?? "?")
    }
}
