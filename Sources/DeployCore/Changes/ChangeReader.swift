import Foundation

/// Gathers the facts `--changed` decides on (what ECS runs, what git says changed since) and decides.
struct ChangeReader: Sendable {
    let workspace: Workspace
    let reporter: Reporter

    func changes(facts: EnvironmentFacts, head: String) async throws(DeployError) -> [ServiceChange] {
        guard let cluster = facts.clusterName else {
            throw .configuration("terraform output 'ecs_cluster_name' is missing: --changed reads the live images from ECS")
        }
        var repositories: [String: String] = [:]
        for service in workspace.services { repositories[service] = try facts.repositoryURL(for: service) }
        let ecsNames = Dictionary(uniqueKeysWithValues: workspace.services.map { ($0, facts.serviceNames[$0] ?? $0) })
        let cache = TaskDefinitionCache(file: workspace.gitDirectory.appendingPathComponent("deploy/task-definition-images.json"))
        let live = try await LiveReader(runner: workspace.runner, reporter: reporter, cache: cache)
            .read(cluster: cluster, ecsNames: ecsNames, repositories: repositories)
        let relations = try await HistoryReader(runner: workspace.runner)
            .relations(of: Set(live.values.compactMap(\.commit)), to: head)
        return ChangeDetection(config: workspace.config).changes(services: workspace.services, live: live, relations: relations)
    }
}
