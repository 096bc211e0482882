import Foundation

/// How an ECS service launches its tasks, read from `aws ecs describe-services`, in the words `run-task` takes:
/// its task definition, and `--launch-type` or `--capacity-provider-strategy`, `--platform-version` and
/// `--network-configuration` as the service has them. Pure.
struct TaskLaunch: Equatable, Sendable {
    var taskDefinition: String
    var arguments: [String]

    static func read(_ data: Data, service: String, cluster: String) throws(DeployError) -> TaskLaunch {
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        let services = (object?["services"] as? [[String: Any]]) ?? []
        guard let found = services.first(where: { $0["serviceName"] as? String == service }),
            found["status"] as? String ?? "ACTIVE" == "ACTIVE", let definition = found["taskDefinition"] as? String
        else {
            throw .refused(
                "ECS has no active service '\(service)' in cluster \(cluster), whose task definition and network "
                    + "the task before its roll borrows: check terraform output 'ecs_service_names'")
        }
        var arguments: [String] = []
        if let strategy = found["capacityProviderStrategy"] as? [Any], !strategy.isEmpty,
            let text = JSONText.line(object: strategy)
        {
            arguments += ["--capacity-provider-strategy", text]
        } else if let launchType = found["launchType"] as? String {
            arguments += ["--launch-type", launchType]
        }
        if let version = found["platformVersion"] as? String, version != "LATEST" {
            arguments += ["--platform-version", version]
        }
        if let network = found["networkConfiguration"] as? [String: Any], let text = JSONText.line(object: network) {
            arguments += ["--network-configuration", text]
        }
        return TaskLaunch(taskDefinition: definition, arguments: arguments)
    }
}
