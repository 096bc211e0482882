import Foundation

/// Gathers the facts `--changed` decides on (what ECS runs, what git says changed since) and decides.
struct ChangeReader: Sendable {
    let workspace: Workspace
    let reporter: Reporter

    func changes(facts: EnvironmentFacts, head: String) async throws(DeployError) -> [ServiceChange] {
        guard let cluster = facts.clusterName else {
            throw .configuration("terraform output 'ecs_cluster_name' is missing: --changed reads the live images from ECS")
        }
        let live = try await self.live(facts: facts, cluster: cluster)
        let relations = try await AncestryReader(runner: workspace.runner)
            .relations(of: Set(live.values.compactMap(\.commit)), to: head)
        return ChangeDetection(config: workspace.config).changes(services: workspace.services, live: live, relations: relations)
    }

    /// What every service runs now.
    func live(facts: EnvironmentFacts, cluster: String) async throws(DeployError) -> [String: LiveState] {
        var repositories: [String: String] = [:]
        for service in workspace.services { repositories[service] = try facts.repositoryURL(for: service) }
        let ecsNames = Dictionary(uniqueKeysWithValues: workspace.services.map { ($0, facts.serviceNames[$0] ?? $0) })
        return try await LiveReader(runner: workspace.runner, reporter: reporter, cache: workspace.taskDefinitionCache)
            .read(cluster: cluster, ecsNames: ecsNames, repositories: repositories)
    }

    /// The tags every service runs now, for the history (and so for a rollback); empty without a cluster output.
    func liveTags(facts: EnvironmentFacts) async throws(DeployError) -> [String: String] {
        guard let cluster = facts.clusterName else { return [:] }
        return try await live(facts: facts, cluster: cluster).compactMapValues(\.tag)
    }
}
