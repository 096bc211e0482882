/// The terraform outputs a deploy reads, each entry it needs, checked from `terraform output` alone.
struct OutputFindings: Sendable {
    let facts: EnvironmentFacts
    let services: [String]
    let spas: [String]

    func lines() -> [Finding] {
        var lines = [
            entries("ecr_repository_urls", services, present: !facts.repositoryURLs.isEmpty, facts.repositoryURL),
            entries("spa_bucket_names", spas, present: !facts.bucketNames.isEmpty, facts.bucketName),
            entries(
                "cloudfront_distribution_ids", spas, present: !facts.distributionIDs.isEmpty, facts.distributionID),
        ]
        lines.append(
            facts.clusterName.map { .ok("outputs", "ecs_cluster_name: \($0)") }
                ?? .fail(
                    "outputs",
                    "terraform output 'ecs_cluster_name' is missing (--changed, status and the rollout watch "
                        + "read ECS)", fix: Self.snippet("ecs_cluster_name")))
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

    /// One line for a map output: every key it needs, or the first one missing or malformed; a missing output with
    /// the snippet that adds it.
    private func entries(
        _ output: String, _ keys: [String], present: Bool, _ read: (String) throws(DeployError) -> String
    ) -> Finding {
        if !present && !keys.isEmpty {
            return .fail("outputs", "terraform output '\(output)' is missing", fix: Self.snippet(output))
        }
        for key in keys {
            do throws(DeployError) { _ = try read(key) } catch { return .fail("outputs", error) }
        }
        return .ok("outputs", "\(output): \(keys.count) entr\(keys.count == 1 ? "y" : "ies")")
    }

    /// What to add to the root module for each output, in one line (docs/first-environment.md shows them whole).
    static func snippet(_ output: String) -> String {
        let value: String
        switch output {
        case "ecr_repository_urls":
            value = "{ for name, repository in aws_ecr_repository.service : name => repository.repository_url }"
        case "ecs_cluster_name": value = "aws_ecs_cluster.platform.name"
        case "spa_bucket_names": value = "{ for name, bucket in aws_s3_bucket.spa : name => bucket.bucket }"
        case "cloudfront_distribution_ids":
            value = "{ for name, distribution in aws_cloudfront_distribution.spa : name => distribution.id }"
        default: value = "..."
        }
        return "add `output \"\(output)\" { value = \(value) }` to the terraform root module and apply once "
            + "(docs/first-environment.md)"
    }
}
