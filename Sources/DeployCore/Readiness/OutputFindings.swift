/// The terraform outputs a deploy reads, each entry it needs, checked from `terraform output` alone.
struct OutputFindings: Sendable {
    let facts: EnvironmentFacts
    let services: [String]
    let spas: [String]

    func lines() -> [Finding] {
        var lines = [
            entries("ecr_repository_urls", services, facts.repositoryURL),
            entries("spa_bucket_names", spas, facts.bucketName),
            entries("cloudfront_distribution_ids", spas, facts.distributionID),
        ]
        lines.append(
            facts.clusterName.map { .ok("outputs", "ecs_cluster_name: \($0)") }
                ?? .fail(
                    "outputs", "terraform output 'ecs_cluster_name' is missing",
                    fix: "add it to the outputs and apply once (--changed, status and the rollout watch read ECS)"))
        let named = services.count(where: { facts.serviceNames[$0] != nil })
        lines.append(.ok("outputs", "ecs_service_names: \(named) of \(services.count) named (others: their own name)"))
        lines.append(
            .ok(
                "outputs",
                facts.apiBaseURL.map { "api_base_url: \($0)" }
                    ?? "no api_base_url output: the health check after an apply is left out"))
        lines.append(
            .ok(
                "outputs",
                facts.deployBucket.map { "deploy_bucket: \($0) (the team's lock and history)" }
                    ?? "no deploy_bucket output: the lock and history are this clone's only"))
        return lines
    }

    /// One line for a map output: every key it needs, or the first one missing or malformed.
    private func entries(_ output: String, _ keys: [String], _ read: (String) throws(DeployError) -> String)
        -> Finding
    {
        for key in keys {
            do throws(DeployError) { _ = try read(key) } catch { return .fail("outputs", error) }
        }
        return .ok("outputs", "\(output): \(keys.count) entr\(keys.count == 1 ? "y" : "ies")")
    }
}
