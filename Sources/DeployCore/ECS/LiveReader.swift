import Foundation

/// Reads what ECS runs for each service, the cheap way: one `describe-services` per ten services, the
/// task definitions described concurrently, and only those not already in the cache.
struct LiveReader: Sendable {
    let runner: any CommandRunner
    let reporter: Reporter
    let cache: TaskDefinitionCache
    var describeLimit = 4

    /// Service → live state; `ecsNames` maps each service to its ECS service name.
    func read(cluster: String, ecsNames: [String: String], repositories: [String: String]) async throws(DeployError) -> [String: LiveState] {
        let names = ecsNames.values.sorted()
        let answers = try await concurrentMap(AWS.describeBatches(names), limit: describeLimit) { [self] (batch) throws(DeployError) in
            try ECSAnswers.taskDefinitions(try await query(AWS.describeServices(cluster: cluster, services: batch)))
        }
        let definitions = answers.reduce(into: [String: String]()) { $0.merge($1) { $1 } }
        let unknown = Array(Set(definitions.values)).filter { cache.images($0) == nil }.sorted()
        _ = try await concurrentMap(unknown, limit: describeLimit) { [self] (arn) throws(DeployError) in
            if let answer = try await runner.answer(AWS.describeTaskDefinition(arn)), let images = ECSAnswers.images(Data(answer.utf8)) {
                cache.store(images, for: arn)
            }
        }
        cache.save()
        var live: [String: LiveState] = [:]
        for (service, ecsName) in ecsNames {
            guard let arn = definitions[ecsName] else { live[service] = .serviceMissing; continue }
            guard let images = cache.images(arn) else { live[service] = .taskDefinitionMissing(arn); continue }
            live[service] = LiveState(images: images, repositoryURL: repositories[service] ?? "")
        }
        return live
    }

    private func query(_ command: Command) async throws(DeployError) -> Data {
        try await runner.query(command) { [reporter] in reporter.child("ecs", $0) }
    }
}
