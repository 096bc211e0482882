import Foundation

/// The resources a deploy uses, read where they live: each service's ECR repository, the SPA buckets and
/// CloudFront distributions, the deploy bucket, the ECS cluster and services, each task definition's logs,
/// and the API. Every read at once; a failed read is a line, never the end of the check.
struct ResourceCheck: Sendable {
    let runner: any CommandRunner
    let reader: ECSReader
    let facts: EnvironmentFacts
    let services: [String]
    let spas: [String]

    func lines() async -> [CheckLine] {
        async let repositories = repositoryLines()
        async let buckets = bucketLines()
        async let distributions = distributionLines()
        async let ecs = ecsLines()
        async let api = apiLines()
        return await repositories + buckets + distributions + ecs + api
    }

    private func repositoryLines() async -> [CheckLine] {
        let wanted = services.compactMap { service in facts.repositoryURLs[service].map { (service, $0) } }
        guard !wanted.isEmpty else { return [] }
        let names: [String]
        switch await outcome({ () async throws(DeployError) in try await runner.query(AWS.repositoryNames()) }) {
        case .failure(let error): return [.fail("ecr", error)]
        case .success(let data): names = (try? JSONDecoder().decode([String].self, from: data)) ?? []
        }
        let missing = wanted.filter { !names.contains(Self.repositoryName($0.1)) }
        return missing.map { service, url in
            .fail(
                "ecr", "\(service): repository '\(Self.repositoryName(url))' does not exist",
                fix: "create it (terraform apply), or correct ecr_repository_urls[\"\(service)\"]")
        } + Self.passed("ecr", wanted.count - missing.count, "repositories exist")
    }

    /// `<account>.dkr.ecr.<region>.amazonaws.com/<name>` → `<name>`.
    static func repositoryName(_ url: String) -> String {
        url.firstIndex(of: "/").map { String(url[url.index(after: $0)...]) } ?? url
    }

    private func bucketLines() async -> [CheckLine] {
        let spaBuckets = spas.compactMap { spa in facts.bucketNames[spa].map { ("spa \(spa)", $0, "spa_bucket_names") }
        }
        let buckets = spaBuckets + (facts.deployBucket.map { [("deploy", $0, "deploy_bucket")] } ?? [])
        return await concurrentMap(buckets, limit: 4) { [runner] owner, bucket, output in
            let result = try? await runner.check(.run(AWS.headBucket(bucket)))
            guard let result, !result.status.succeeded else { return .ok("s3", "\(owner): bucket \(bucket) exists") }
            let said = result.tail.last.map { " (\($0))" } ?? ""
            return .fail(
                "s3", "\(owner): bucket '\(bucket)' does not exist or cannot be read\(said)",
                fix: "create it (terraform apply), or correct \(output)")
        }
    }

    private func distributionLines() async -> [CheckLine] {
        let ids = spas.compactMap { spa in facts.distributionIDs[spa].map { (spa, $0) } }
        return await concurrentMap(ids, limit: 4) { [runner] spa, id in
            switch await outcome({ () async throws(DeployError) in
                try await runner.queryText(AWS.distributionStatus(id))
            }) {
            case .success(let status): return .ok("cloudfront", "spa \(spa): distribution \(id) \(status)")
            case .failure(.queryFailed(_, _, let output)):
                return .fail(
                    "cloudfront", "spa \(spa): distribution '\(id)' not found (\(output.last ?? "no answer"))",
                    fix: "correct cloudfront_distribution_ids[\"\(spa)\"]")
            case .failure(let error): return .fail("cloudfront", error)
            }
        }
    }

    private func apiLines() async -> [CheckLine] {
        guard let url = facts.apiBaseURL else { return [] }
        let result = try? await runner.check(.run(Curl.status(url + "/")))
        let code = result.flatMap { Int(String(decoding: $0.stdout, as: UTF8.self)) } ?? 0
        guard code == 0 else { return [.ok("api", "\(url) answers (HTTP \(code))")] }
        let said = result?.tail.last.map { " (\($0))" } ?? ""
        return [
            .fail(
                "api", "nothing answers at \(url)\(said)",
                fix: "check its DNS name and load balancer, or correct the api_base_url output")
        ]
    }

    /// "9 repositories exist", when any passed.
    static func passed(_ area: String, _ count: Int, _ what: String) -> [CheckLine] {
        count > 0 ? [.ok(area, "\(count) \(what)")] : []
    }
}
