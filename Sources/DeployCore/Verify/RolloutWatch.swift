import Foundation

/// Watches the rolled services' ECS deployments until each is steady or failed, or the time is up. Every
/// round asks about all pending services at once (one `describe-services` per ten), and describes only
/// task definitions it has not seen (a revision never changes, so they are cached).
struct RolloutWatch: Sendable {
    let runner: any CommandRunner
    let cache: TaskDefinitionCache
    let children: ChildRegistry
    /// Seconds between rounds: short at first (a healthy small service settles fast), then every 15 s.
    var pauses: [Double] = [1, 2, 3, 5, 10, 15]
    /// Right after the apply, ECS may not list the new deployment yet: not a failure for this long.
    var settling = 30.0

    /// `onChange` hears each service's progress whenever it changes, with the seconds since the watch began.
    func watch(_ checks: Checks, onChange: @escaping @Sendable (String, RolloutProgress, Double) -> Void)
        async throws(DeployError) -> [String: Verification.Rollout]
    {
        let start = Date()
        var pending = checks.rollouts
        var endings: [String: Verification.Rollout] = [:]
        var last: [String: RolloutProgress] = [:]
        for round in 0... {
            let answers = await read(pending.map(\.ecsName), cluster: checks.cluster)
            if case .failure(.interrupted(let signal)) = answers { throw .interrupted(signal: signal) }
            if let signal = children.interruption { throw .interrupted(signal: signal) }
            let elapsed = Date().timeIntervalSince(start)
            for rollout in pending {
                let progress = judge(rollout, answers, cluster: checks.cluster, settling: elapsed < settling)
                if progress != last[rollout.service] { onChange(rollout.service, progress, elapsed) }
                last[rollout.service] = progress
                switch progress {
                case .steady: endings[rollout.service] = .steady(seconds: elapsed)
                case .failed(let why): endings[rollout.service] = .failed(why, seconds: elapsed)
                case .rolling: break
                }
            }
            pending.removeAll { endings[$0.service] != nil }
            if pending.isEmpty { break }
            if elapsed >= checks.timeout {
                for rollout in pending {
                    if case .rolling(let detail) = last[rollout.service] {
                        endings[rollout.service] = .timedOut(detail, seconds: checks.timeout)
                    }
                }
                break
            }
            try await pause(min(pauses[min(round, pauses.count - 1)], checks.timeout - elapsed))
        }
        return endings
    }

    private func judge(
        _ rollout: Checks.Rollout, _ answers: Result<[String: ECSService], DeployError>,
        cluster: String, settling: Bool
    ) -> RolloutProgress {
        switch answers {
        case .failure(let error):
            let said = error.output.last.map { ": \($0)" } ?? ""
            return .rolling("could not ask ECS (\(error.message)\(said)); asking again")
        case .success(let services):
            guard let service = services[rollout.ecsName] else {
                return .failed(
                    "ECS has no active service '\(rollout.ecsName)' in cluster \(cluster): check terraform output "
                        + "'ecs_service_names'"
                )
            }
            return RolloutJudge.judge(
                service, runsImage: { [cache] arn in cache.images(arn).map { $0.contains(rollout.image) } },
                settling: settling)
        }
    }

    /// The pending services' deployments, with the images of every task definition they name. A failed
    /// call is not the end: ECS or the network may answer the next round.
    private func read(_ names: [String], cluster: String) async -> Result<[String: ECSService], DeployError> {
        let ecs = ECSReader(runner: runner, cache: cache)
        return await outcome { () async throws(DeployError) in
            let services = try await ecs.services(names, cluster: cluster)
            let failures = await ecs.learn(Set(services.values.flatMap { $0.deployments.map(\.taskDefinition) }))
            if let (_, error) = failures.min(by: { $0.key < $1.key }) { throw error }
            return services
        }
    }

    /// Sleeps in short slices so that Ctrl-C ends the watch at once.
    private func pause(_ seconds: Double) async throws(DeployError) {
        let until = Date().addingTimeInterval(seconds)
        while Date() < until {
            if let signal = children.interruption { throw .interrupted(signal: signal) }
            try? await Task.sleep(for: .milliseconds(Int(min(0.2, until.timeIntervalSinceNow) * 1000) + 1))
        }
        if let signal = children.interruption { throw .interrupted(signal: signal) }
    }
}
