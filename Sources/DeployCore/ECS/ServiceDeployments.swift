import Foundation

/// One ECS service's deployments, as `aws ecs describe-services` reports them: what a rollout is judged on.
struct ServiceDeployments: Equatable, Sendable {
    struct Deployment: Equatable, Sendable {
        var id: String
        /// PRIMARY (the one ECS rolls towards), ACTIVE (an older one still running tasks) or INACTIVE.
        var status: String
        var taskDefinition: String
        /// IN_PROGRESS, COMPLETED or FAILED; absent when the service does not use the ECS deployment controller.
        var rolloutState: String?
        var reason: String?
        var running: Int
        var desired: Int

        init(id: String, status: String, taskDefinition: String, rolloutState: String?, reason: String? = nil,
                    running: Int, desired: Int) {
            self.id = id
            self.status = status
            self.taskDefinition = taskDefinition
            self.rolloutState = rolloutState
            self.reason = reason
            self.running = running
            self.desired = desired
        }
    }

    var name: String
    var taskDefinition: String
    var deployments: [Deployment]

    init(name: String, taskDefinition: String, deployments: [Deployment]) {
        self.name = name
        self.taskDefinition = taskDefinition
        self.deployments = deployments
    }

    /// Decodes `describe-services --output json`: the active services by name.
    static func decode(_ data: Data) throws(DeployError) -> [String: ServiceDeployments] {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let services = object["services"] as? [[String: Any]] else {
            throw .configuration("`aws ecs describe-services` printed no services list")
        }
        var found: [String: ServiceDeployments] = [:]
        for service in services where (service["status"] as? String) != "INACTIVE" {
            guard let name = service["serviceName"] as? String else { continue }
            let deployments = ((service["deployments"] as? [[String: Any]]) ?? []).map { row in
                Deployment(id: row["id"] as? String ?? "?", status: row["status"] as? String ?? "?",
                           taskDefinition: row["taskDefinition"] as? String ?? "?", rolloutState: row["rolloutState"] as? String,
                           reason: row["rolloutStateReason"] as? String, running: row["runningCount"] as? Int ?? 0,
                           desired: row["desiredCount"] as? Int ?? 0)
            }
            found[name] = ServiceDeployments(name: name, taskDefinition: service["taskDefinition"] as? String ?? "?", deployments: deployments)
        }
        return found
    }
}
