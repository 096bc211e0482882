import Foundation

/// Gathers the facts `--changed` decides on (what ECS runs, what git says changed since) and decides.
struct ChangeReader: Sendable {
    let runner: any CommandRunner
    let reporter: Reporter
    let cache: TaskDefinitionCache

    /// Every service's verdict against HEAD; `history` (oldest first) says which were rolled back.
    func changes(_ target: Target, history: [HistoryRecord] = []) async throws(DeployError) -> [ServiceChange] {
        guard let cluster = target.facts.clusterName else {
            throw .configuration(
                "terraform output 'ecs_cluster_name' is missing: --changed reads the live images from ECS")
        }
        let live = try await self.live(target, cluster: cluster)
        let rollbacks = Rollback.latest(in: history)
        let commits = Set(live.values.compactMap(\.commit) + rollbacks.values.map(\.from).filter(Names.isShortSHA))
        let relations = try await AncestryReader(runner: runner).relations(of: commits, to: target.head)
        return ChangeDetection(config: target.workspace.config)
            .changes(services: target.workspace.services, live: live, relations: relations, rollbacks: rollbacks)
    }

    /// What every service runs now.
    func live(_ target: Target, cluster: String) async throws(DeployError) -> [String: LiveState] {
        let services = target.workspace.services
        let facts = target.facts
        var repositories: [String: String] = [:]
        for service in services { repositories[service] = try facts.repositoryURL(for: service) }
        let ecsNames = Dictionary(uniqueKeysWithValues: services.map { ($0, facts.ecsName(for: $0)) })
        let ecs = ECSReader(runner: runner, cache: cache, echo: { [reporter] in reporter.child("ecs", $0) })
        return try await ecs.live(cluster: cluster, ecsNames: ecsNames, repositories: repositories)
    }

    /// The tags every service runs now, for the history (and so for a rollback); empty without a cluster output.
    func liveTags(_ target: Target) async throws(DeployError) -> [String: String] {
        guard let cluster = target.facts.clusterName else { return [:] }
        return try await live(target, cluster: cluster).compactMapValues(\.tag)
    }
}
