import Foundation

/// Reads the JSON the aws CLI prints for the two ECS calls `--changed` makes.
enum ECSAnswers {
    /// `describe-services`: ECS service name → task definition ARN, for the services that are active.
    static func taskDefinitions(_ data: Data) throws(DeployError) -> [String: String] {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let services = object["services"] as? [[String: Any]] else {
            throw .configuration("`aws ecs describe-services` printed no services list")
        }
        var found: [String: String] = [:]
        for service in services where (service["status"] as? String) != "INACTIVE" {
            if let name = service["serviceName"] as? String, let arn = service["taskDefinition"] as? String {
                found[name] = arn
            }
        }
        return found
    }

    /// `describe-task-definition`: the images of its containers.
    static func images(_ data: Data) -> [String]? {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let definition = object["taskDefinition"] as? [String: Any],
              let containers = definition["containerDefinitions"] as? [[String: Any]] else { return nil }
        return containers.compactMap { $0["image"] as? String }
    }
}
