import Foundation

/// A secret a task definition has ECS hand to a container: an environment variable (`secrets`), a log driver's
/// option (`secretOptions`) or the registry credentials, read at the task's start from SSM Parameter Store or
/// Secrets Manager. One that does not exist stops every task from starting.
struct SecretReference: Codable, Equatable, Hashable, Sendable {
    var container: String
    /// The variable (or `registry credentials`, or the log option's name).
    var name: String
    /// The parameter's name or ARN, or the secret's ARN (with a JSON key and version after it, maybe).
    var valueFrom: String

    /// Every reference in one `describe-task-definition` answer's containers.
    static func all(inTaskDefinition definition: [String: Any]) -> [SecretReference] {
        let containers = definition["containerDefinitions"] as? [[String: Any]] ?? []
        return containers.flatMap { container -> [SecretReference] in
            let name = container["name"] as? String ?? "?"
            let options = (container["logConfiguration"] as? [String: Any])?["secretOptions"] as? [[String: Any]] ?? []
            let listed = (container["secrets"] as? [[String: Any]] ?? []) + options
            var found = listed.compactMap { entry -> SecretReference? in
                guard let variable = entry["name"] as? String, let from = entry["valueFrom"] as? String else {
                    return nil
                }
                return SecretReference(container: name, name: variable, valueFrom: from)
            }
            if let credentials = (container["repositoryCredentials"] as? [String: Any])?["credentialsParameter"]
                as? String
            {
                found.append(SecretReference(container: name, name: "registry credentials", valueFrom: credentials))
            }
            return found
        }
    }
}
