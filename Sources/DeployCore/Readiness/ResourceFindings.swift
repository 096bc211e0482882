import Foundation

/// The resources a deploy uses, read where they live: each service's ECR repository, the SPA buckets and
/// CloudFront distributions, the deploy bucket, the ECS cluster and services, each task definition's logs,
/// and the API. Every read at once; a failed read is a line, never the end of the check.
struct ResourceFindings: Sendable {
    let runner: any CommandRunner
    let reader: ECSReader
    let facts: EnvironmentFacts
    let services: [String]
    let spas: [String]
    /// The workspace's shared lock, with a deploy bucket.
    let lock: DeployBucket?
    /// Each service's health URL, as the verification after an apply asks it.
    var healthURLs: [(service: String, url: String)] = []

    func lines() async -> [Finding] {
        async let held = lockLines()
        async let repositories = repositoryLines()
        async let buckets = bucketLines()
        async let distributions = distributionLines()
        async let ecs = ecsLines()
        async let api = apiLines()
        return await held + repositories + buckets + distributions + ecs + api
    }

    private func repositoryLines() async -> [Finding] {
        let wanted = services.compactMap { service in facts.repositoryURLs[service].map { (service, $0) } }
        guard !wanted.isEmpty else { return [] }
        let names: [String]
        switch await outcome({ () async throws(DeployError) in try await runner.query(AWS.repositoryNames()) }) {
        case .failure(let error): return [.fail("ecr", error)]
        case .success(let data):
            guard let decoded = try? JSONDecoder().decode([String].self, from: data) else {
                return [.fail("ecr", "`aws ecr describe-repositories` printed no list of repository names")]
            }
            names = decoded
        }
        let missing = wanted.filter { !names.contains(Names.repositoryName(of: $0.1)) }
        return missing.map { service, url in
            .fail(
                "ecr", "\(service): repository '\(Names.repositoryName(of: url))' does not exist",
                fix: "create it (terraform apply), or correct ecr_repository_urls[\"\(service)\"]")
        } + Self.passed("ecr", wanted.count - missing.count, "repositories exist")
    }

    private func bucketLines() async -> [Finding] {
        let spaBuckets = spas.compactMap { spa in facts.bucketNames[spa].map { ("spa \(spa)", $0, "spa_bucket_names") }
        }
        let buckets = spaBuckets + (facts.deployBucket.map { [("deploy", $0, "deploy_bucket")] } ?? [])
        return await concurrentMap(buckets, limit: 4) { [runner] owner, bucket, output in
            switch await outcome({ () async throws(DeployError) in try await runner.query(AWS.headBucket(bucket)) }) {
            case .success: return .ok("s3", "\(owner): bucket \(bucket) exists")
            case .failure(.queryFailed(_, _, let said)):
                return .fail(
                    "s3", "\(owner): bucket '\(bucket)' does not exist or cannot be read (\(said.last ?? "no answer"))",
                    fix: "create it (terraform apply), or correct \(output)")
            case .failure(let error): return .fail("s3", error)
            }
        }
    }

    private func distributionLines() async -> [Finding] {
        let ids = spas.compactMap { spa in facts.distributionIDs[spa].map { (spa, $0) } }
        return await concurrentMap(ids, limit: 4) { [runner] spa, id in
            switch await outcome({ () async throws(DeployError) in
                try await runner.queryText(AWS.distributionStatus(id))
            }) {
            case .success(let status): return .ok("cloudfront", "spa \(spa): distribution \(id) \(status)")
            case .failure(.queryFailed(_, _, let output)):
                return .fail(
                    "cloudfront",
                    "spa \(spa): distribution '\(id)' not found or cannot be read (\(output.last ?? "no answer"))",
                    fix: "correct cloudfront_distribution_ids[\"\(spa)\"]")
            case .failure(let error): return .fail("cloudfront", error)
            }
        }
    }

    /// The API answers at all, and not with a 5xx (a load balancer without a healthy target); each service's health URL
    /// answers 200: a 404 there is a wrong path (the verification after an apply would fail on it), a 5xx a service
    /// that does not serve now.
    private func apiLines() async -> [Finding] {
        guard let url = facts.apiBaseURL else { return [] }
        let base = await baseLine(url)
        guard base.verdict == .ok else { return [base] }
        let failing = await healthFailures()
        let all = healthURLs.isEmpty ? "" : "; each service's /health answers 200"
        return failing.isEmpty ? [Finding(area: base.area, verdict: .ok, says: base.says + all)] : [base] + failing
    }

    private func healthFailures() async -> [Finding] {
        let answers = await concurrentMap(healthURLs, limit: 4) { [runner] service, url -> Finding? in
            guard let result = try? await runner.capture(.run(Curl.status(url))) else { return nil }
            let code = Int(String(decoding: result.stdout, as: UTF8.self).trimmingCharacters(in: .whitespaces)) ?? 0
            switch code {
            case 200: return nil
            case 0:
                return .fail("health", "\(service): nothing answers at \(url)", fix: "check the service and its route")
            case 404:
                return .fail(
                    "health", "\(service): GET \(url) answered 404",
                    fix: "no such route: correct healthPaths[\"\(service)\"] in deploy.json, or the service's routes")
            default:
                return .fail(
                    "health", "\(service): GET \(url) answered \(code)",
                    fix: "the service does not serve now: read its logs; a deploy's verification would fail on it")
            }
        }
        return answers.compactMap { $0 }
    }

    private func baseLine(_ url: String) async -> Finding {
        let command = Curl.status(url + "/")
        switch await outcome({ () async throws(DeployError) in try await runner.capture(.run(command)) }) {
        case .failure(let error): return .fail("api", error)
        case .success(let result):
            let code = Int(String(decoding: result.stdout, as: UTF8.self)) ?? 0
            if code == 0 {
                let said = result.tail.last.map { " (\($0))" } ?? ""
                return .fail(
                    "api", "nothing answers at \(url)\(said)",
                    fix: "check its DNS name and load balancer, or correct the api_base_url output")
            }
            if code >= 500 {
                return .fail(
                    "api", "\(url) answers HTTP \(code)",
                    fix: "check the load balancer's targets and the services' logs")
            }
            return .ok("api", "\(url) answers (HTTP \(code))")
        }
    }

    /// Whether a deploy holds the workspace's shared lock now: a deploy started now would wait for it.
    private func lockLines() async -> [Finding] {
        guard let lock else { return [] }
        let read = AWS.readObject(bucket: lock.bucket, key: lock.lockKey)
        switch await outcome({ () async throws(DeployError) in try await runner.query(read) }) {
        case .success(let body):
            let holder = LockHolder.decode(body)?.description ?? "a deploy it does not name"
            return [
                .fail(
                    "lock", "\(lock.lockURL) is held by \(holder)",
                    fix: "wait for that deploy, or run deploy unlock if it is dead")
            ]
        case .failure(.queryFailed(_, _, let said)) where said.contains(where: { $0.contains("404") }):
            return [.ok("lock", "no deploy holds workspace '\(lock.workspace)'")]
        case .failure(let error): return [.fail("lock", error)]
        }
    }

    /// "9 repositories exist", when any passed.
    static func passed(_ area: String, _ count: Int, _ what: String) -> [Finding] {
        count > 0 ? [.ok(area, "\(count) \(what)")] : []
    }
}
