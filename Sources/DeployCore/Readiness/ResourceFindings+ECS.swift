import Foundation

extension ResourceFindings {
    /// The cluster, every service in it, and each service's task definition sending its logs to CloudWatch
    /// (awslogs), where a failed rollout's explanation is read from.
    func ecsLines() async -> [Finding] {
        guard let cluster = facts.clusterName else { return [] }
        switch await outcome({ () async throws(DeployError) in try await runner.queryText(AWS.activeCluster(cluster)) })
        {
        case .failure(let error): return [.fail("ecs", error)]
        case .success(let found) where found.isEmpty:
            return [
                .fail(
                    "ecs", "cluster '\(cluster)' does not exist or is not active",
                    fix: "create it (terraform apply), or correct ecs_cluster_name")
            ]
        case .success: break
        }
        let found: [String: ECSService]
        switch await outcome({ () async throws(DeployError) in
            try await reader.services(services.map(facts.ecsName(for:)).sorted(), cluster: cluster)
        }) {
        case .failure(let error): return [.fail("ecs", error)]
        case .success(let services): found = services
        }
        let missing = services.filter { found[facts.ecsName(for: $0)] == nil }
        let serviceLines =
            [.ok("ecs", "cluster \(cluster) is active")]
            + missing.map { service in
                Finding.fail(
                    "ecs", "\(service): service '\(facts.ecsName(for: service))' not found in cluster \(cluster)",
                    fix: "create it (terraform apply), or correct ecs_service_names[\"\(service)\"]")
            } + Self.passed("ecs", services.count - missing.count, "services exist")
        let definitions = services.compactMap { service in
            found[facts.ecsName(for: service)].map { (service, $0.taskDefinition) }
        }
        async let logs = logLines(definitions)
        async let secrets = secretLines(definitions)
        let pace = await rolloutLines(
            services.compactMap { service in found[facts.ecsName(for: service)].map { (service, $0) } })
        return serviceLines + (await logs) + (await secrets) + pace
    }

    /// Each service's rollout estimate, and the settings that cost the most (advice, never a failure).
    private func rolloutLines(_ services: [(String, ECSService)]) async -> [Finding] {
        let read = await RolloutSettingsReader(runner: runner, cache: reader.cache).read(
            Dictionary(services) { first, _ in first })
        let estimates = services.compactMap { service, _ in
            read.settings[service].map { Finding.info("rollout", "\(service) \(RolloutEstimate($0).text)") }
        }
        let tips = services.flatMap { service, _ in
            read.settings[service].map { RolloutAdvice.tips(service, $0) } ?? []
        }.sorted { $0.saves > $1.saves }.map { Finding.advice("rollout", $0.text) }
        return estimates + tips + read.notes.map { Finding.advice("rollout", "not in the estimate: \($0)") }
    }

    /// Each secret the services' task definitions reference, looked up (never read): one line per missing one.
    private func secretLines(_ definitions: [(String, String)]) async -> [Finding] {
        _ = await reader.learn(Set(definitions.map(\.1)))
        let references = Dictionary(
            definitions.compactMap { service, arn in
                reader.cache.secrets(arn).map { (service, $0) }
            }
        ) { first, _ in first }
        let count = references.values.map(\.count).reduce(0, +)
        guard count > 0 else { return [] }
        let findings = await SecretCheck(runner: runner).check(references)
        return findings.lines(account: nil).map {
            Finding.fail("secrets", $0, fix: "create it, or point the task definition at one that exists")
        }
            + findings.unchecked.map {
                Finding.fail(
                    "secrets", $0,
                    fix: "allow ssm:DescribeParameters and "
                        + "secretsmanager:DescribeSecret, or check it by hand")
            }
            + Self.passed("secrets", count - findings.missing.count, "secret references exist")
    }

    /// One line per task definition whose containers do not all log through awslogs.
    private func logLines(_ definitions: [(String, String)]) async -> [Finding] {
        let lines = await concurrentMap(definitions, limit: 4) { [runner] service, arn -> Finding? in
            let name = arn.split(separator: "/").last.map(String.init) ?? arn
            switch await outcome({ () async throws(DeployError) in
                try await runner.query(AWS.describeTaskDefinition(arn))
            }) {
            case .failure(let error): return .fail("logs", error)
            case .success(let data):
                guard let details = TaskDocuments.details(data) else {
                    return .fail("logs", "\(service): the containers of task definition \(name) could not be read")
                }
                let silent = details.containers.filter { $0.logs == nil }.map(\.name)
                guard !silent.isEmpty else { return nil }
                return .fail(
                    "logs",
                    "\(service): task definition \(name): container \(silent.joined(separator: ", ")) has no awslogs "
                        + "log configuration, so a failed rollout cannot show its logs",
                    fix: "give its containers logConfiguration { logDriver = \"awslogs\" }")
            }
        }
        let failures = lines.compactMap { $0 }
        return failures + Self.passed("logs", definitions.count - failures.count, "task definitions log to awslogs")
    }
}
