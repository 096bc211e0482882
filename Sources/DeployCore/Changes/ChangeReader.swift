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
        let cache = TaskDefinitionCache(file: try await cacheFile())
        let live = try await LiveReader(runner: workspace.runner, reporter: reporter, cache: cache)
            .read(cluster: cluster, ecsNames: ecsNames, repositories: repositories)
        let relations = try await HistoryReader(runner: workspace.runner)
            .relations(of: Set(live.values.compactMap(\.commit)), to: head)
        return ChangeDetection(config: workspace.config).changes(services: workspace.services, live: live, relations: relations)
    }

    private func cacheFile() async throws(DeployError) -> URL? {
        let result = try await workspace.runner.run(.run(Git.gitDirectory()), capture: true) { _ in }
        guard result.status.succeeded else { return nil }
        let gitDir = String(decoding: result.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return URL(fileURLWithPath: gitDir).appendingPathComponent("deploy/task-definition-images.json")
    }
}
