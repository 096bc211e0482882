import Foundation

/// Reads the JSON the aws CLI prints for the ECS calls deploy makes.
enum ECSDocuments {
    /// `describe-services`: the active services by ECS name.
    static func services(_ data: Data) throws(DeployError) -> [String: ECSService] {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let services = object["services"] as? [[String: Any]]
        else {
            throw .configuration("`aws ecs describe-services` printed no services list")
        }
        var found: [String: ECSService] = [:]
        for service in services where (service["status"] as? String) != "INACTIVE" {
            guard let name = service["serviceName"] as? String else { continue }
            let deployments = ((service["deployments"] as? [[String: Any]]) ?? []).map(deployment)
            let events = ((service["events"] as? [[String: Any]]) ?? []).map {
                ECSService.Event(at: date($0["createdAt"]), message: $0["message"] as? String ?? "")
            }
            found[name] = ECSService(
                name: name, taskDefinition: service["taskDefinition"] as? String ?? "?",
                deployments: deployments, events: events, pace: pace(service))
        }
        return found
    }

    /// The service's count, percentages, grace period and target groups.
    private static func pace(_ service: [String: Any]) -> RolloutSettings {
        var settings = RolloutSettings()
        let configuration = service["deploymentConfiguration"] as? [String: Any] ?? [:]
        settings.desiredCount = service["desiredCount"] as? Int ?? 1
        settings.minimumHealthyPercent = configuration["minimumHealthyPercent"] as? Int ?? 100
        settings.maximumPercent = configuration["maximumPercent"] as? Int ?? 200
        settings.healthCheckGracePeriod = Double(service["healthCheckGracePeriodSeconds"] as? Int ?? 0)
        let balancers = service["loadBalancers"] as? [[String: Any]] ?? []
        let arns = balancers.compactMap { $0["targetGroupArn"] as? String }
        settings.targetGroups = arns.reduce(into: []) { groups, arn in
            if !groups.contains(where: { $0.arn == arn }) { groups.append(RolloutSettings.TargetGroup(arn: arn)) }
        }
        return settings
    }

    private static func deployment(_ row: [String: Any]) -> ECSDeployment {
        ECSDeployment(
            id: row["id"] as? String ?? "?", status: row["status"] as? String ?? "?",
            taskDefinition: row["taskDefinition"] as? String ?? "?",
            rolloutState: row["rolloutState"] as? String, reason: row["rolloutStateReason"] as? String,
            running: row["runningCount"] as? Int ?? 0, desired: row["desiredCount"] as? Int ?? 0,
            failedTasks: row["failedTasks"] as? Int ?? 0)
    }

    /// A time as the aws CLI prints it: ISO 8601 (its default), or seconds since 1970.
    static func date(_ value: Any?) -> Date? {
        if let seconds = value as? Double { return Date(timeIntervalSince1970: seconds) }
        guard let text = value as? String else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    /// `2026-11-29T10:42:07Z`.
    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// `10:42:07`, in UTC.
    static func clock(_ date: Date) -> String {
        String(iso(date).dropFirst(11).prefix(8))
    }

    /// `describe-task-definition`: the images of its containers, and the secrets they are handed.
    static func definition(_ data: Data) -> TaskDefinitionCache.Entry? {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let definition = object["taskDefinition"] as? [String: Any],
            let containers = definition["containerDefinitions"] as? [[String: Any]]
        else { return nil }
        let stops = containers.compactMap { ($0["stopTimeout"] as? Int).map(Double.init) }
        return TaskDefinitionCache.Entry(
            images: containers.compactMap { $0["image"] as? String },
            secrets: SecretReference.all(inTaskDefinition: definition), stopTimeout: stops.max())
    }
}
