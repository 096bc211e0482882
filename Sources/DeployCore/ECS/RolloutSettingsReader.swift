import Foundation

/// Each service's rollout settings, whole: what its ECS service says (read by the caller), its task definition's stop
/// timeout (described once, cached) and its target groups' health checks (one `describe-target-groups` per twenty)
/// and deregistration delay (one `describe-target-group-attributes` each), read at once. A read that fails leaves
/// AWS's defaults in place, said as a note: an estimate is never worth failing a deploy for.
struct RolloutSettingsReader: Sendable {
    let runner: any CommandRunner
    let cache: TaskDefinitionCache

    /// Service → its ECS service as read; the answer: service → its settings, and what could not be read.
    func read(_ services: [String: ECSService]) async -> (settings: [String: RolloutSettings], notes: [String]) {
        _ = await ECSReader(runner: runner, cache: cache).learn(Set(services.values.map(\.taskDefinition)))
        let arns = Array(Set(services.values.flatMap { $0.pace.targetGroups.map(\.arn) })).sorted()
        let (groups, notes) = await targetGroups(arns)
        let settings = services.mapValues { service in
            var settings = service.pace
            settings.stopTimeout = cache.stopTimeout(service.taskDefinition) ?? 30
            settings.targetGroups = settings.targetGroups.map { groups[$0.arn] ?? $0 }
            return settings
        }
        return (settings, notes)
    }

    private func targetGroups(_ arns: [String]) async -> ([String: RolloutSettings.TargetGroup], [String]) {
        guard !arns.isEmpty else { return ([:], []) }
        let batches = stride(from: 0, to: arns.count, by: 20).map { Array(arns[$0..<min($0 + 20, arns.count)]) }
        async let checks = concurrentMap(batches, limit: 4) { [runner] batch in
            await outcome { () async throws(DeployError) in try await runner.query(AWS.describeTargetGroups(batch)) }
        }
        let delays = await concurrentMap(arns, limit: 4) { [runner] arn in
            (
                arn,
                await outcome { () async throws(DeployError) in try await runner.query(AWS.targetGroupAttributes(arn)) }
            )
        }
        var groups = Dictionary(uniqueKeysWithValues: arns.map { ($0, RolloutSettings.TargetGroup(arn: $0)) })
        var notes: [String] = []
        for answer in await checks {
            switch answer {
            case .success(let data): Self.healthChecks(data, into: &groups)
            case .failure(let error):
                notes.append("the target groups' health checks could not be read: \(error.headline)")
            }
        }
        for (arn, answer) in delays {
            switch answer {
            case .success(let data): groups[arn]?.deregistrationDelay = Self.deregistrationDelay(data) ?? 300
            case .failure(let error): notes.append("\(arn)'s deregistration delay could not be read: \(error.headline)")
            }
        }
        return (groups, notes)
    }

    /// `describe-target-groups`: each group's interval, healthy threshold and timeout.
    static func healthChecks(_ data: Data, into groups: inout [String: RolloutSettings.TargetGroup]) {
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        for row in object?["TargetGroups"] as? [[String: Any]] ?? [] {
            guard let arn = row["TargetGroupArn"] as? String else { continue }
            var group = groups[arn] ?? RolloutSettings.TargetGroup(arn: arn)
            group.interval = Double(row["HealthCheckIntervalSeconds"] as? Int ?? 30)
            group.healthyThreshold = row["HealthyThresholdCount"] as? Int ?? 5
            group.timeout = Double(row["HealthCheckTimeoutSeconds"] as? Int ?? 5)
            groups[arn] = group
        }
    }

    /// `describe-target-group-attributes --query Attributes`: `deregistration_delay.timeout_seconds`.
    static func deregistrationDelay(_ data: Data) -> Double? {
        let rows = (try? JSONSerialization.jsonObject(with: data)) as? [[String: Any]] ?? []
        let value = rows.first { $0["Key"] as? String == "deregistration_delay.timeout_seconds" }?["Value"] as? String
        return value.flatMap(Double.init)
    }
}
