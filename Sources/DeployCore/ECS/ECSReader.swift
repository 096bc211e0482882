import Foundation

/// The one reader of ECS, for `--changed`, `deploy status`, the history's earlier tags and the rollout watch:
/// one `describe-services` per ten services (batches at once), and each task definition they name described
/// once (a revision never changes, so the images are cached under the git folder).
struct ECSReader: Sendable {
    let runner: any CommandRunner
    let cache: TaskDefinitionCache
    /// Where the aws CLI's complaints go as they come (nowhere by default).
    var echo: @Sendable (OutputLine) -> Void = { _ in }
    var limit = 4

    /// ECS service name → its service, for those that exist and are active.
    func services(_ names: [String], cluster: String) async throws(DeployError) -> [String: ECSService] {
        let answers = try await concurrentMap(AWS.describeBatches(names), limit: limit) {
            [runner, echo] (batch) throws(DeployError) in
            try ECSDocuments.services(
                try await runner.query(AWS.describeServices(cluster: cluster, services: batch), output: echo))
        }
        let services = answers.reduce(into: [:]) { $0.merge($1) { $1 } }
        cache.saw(services)
        return services
    }

    /// Describes each task definition not in the cache, and keeps its images and secrets there. Returns those it could
    /// not read, with why: the caller decides whether that is the end (the watch) or a fact (the live read).
    func learn(_ arns: Set<String>) async -> [String: DeployError] {
        let unknown = arns.filter { cache.images($0) == nil }.sorted()
        let failures = await concurrentMap(unknown, limit: limit) { [runner, cache] (arn) -> DeployError? in
            switch await outcome({ () async throws(DeployError) in
                try await runner.query(AWS.describeTaskDefinition(arn))
            }) {
            case .failure(let error): return error
            case .success(let answer):
                guard let entry = ECSDocuments.definition(answer) else {
                    return .configuration("`aws ecs describe-task-definition` printed no container images for \(arn)")
                }
                cache.store(entry, for: arn)
                return nil
            }
        }
        if failures.count(where: { $0 == nil }) > 0 { cache.save() }
        return Dictionary(
            uniqueKeysWithValues: zip(unknown, failures).compactMap { arn, error in error.map { (arn, $0) } })
    }

    /// Service → what it runs now; `ecsNames` maps each service to its ECS service name, `repositories` to its
    /// image repository.
    func live(cluster: String, ecsNames: [String: String], repositories: [String: String]) async throws(DeployError)
        -> [String: LiveState]
    {
        let services = try await self.services(ecsNames.values.sorted(), cluster: cluster)
        _ = await learn(Set(services.values.map(\.taskDefinition)))
        var live: [String: LiveState] = [:]
        for (service, ecsName) in ecsNames {
            guard let arn = services[ecsName]?.taskDefinition else {
                live[service] = .serviceMissing
                continue
            }
            guard let images = cache.images(arn) else {
                live[service] = .taskDefinitionMissing(arn)
                continue
            }
            live[service] = LiveState(images: images, repositoryURL: repositories[service] ?? "")
        }
        return live
    }
}
