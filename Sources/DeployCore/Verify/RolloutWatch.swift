import Foundation

/// Watches the rolled services' ECS deployments until each is steady or failed, or the time is up. Every
/// round asks about all pending services at once (one `describe-services` per ten), and describes only
/// task definitions it has not seen (a revision never changes, so they are cached). When ECS counts failed
/// tasks in a new deployment, their stopped tasks are read: `failAfter` of them fail the rollout at once.
struct RolloutWatch: Sendable {
    let runner: any CommandRunner
    let cache: TaskDefinitionCache
    let children: ChildRegistry
    /// Seconds between rounds: short at first (a healthy small service settles fast), then every 15 s.
    var pauses: [Double] = [1, 2, 3, 5, 10, 15]
    /// Right after the apply, ECS may not list the new deployment yet: not a failure for this long.
    var settling = 30.0
    /// `--fail-after`: this many failed tasks of the new revision fail its rollout (0: ECS decides).
    var failAfter = 3
    /// A rollout whose progress has not changed for this long is said again, so that a log never looks hung.
    var repeatAfter = 30.0

    /// How one rollout ended, with ECS's last word on the service and the new revision, for the diagnosis.
    struct Ending: Equatable, Sendable {
        var rollout: Verification.Rollout
        var service: ECSService? = nil
        var revision: String? = nil
    }

    /// What the watch knows between rounds.
    private struct Progress {
        var pending: [Expectations.Rollout]
        var endings: [String: Ending] = [:]
        var last: [String: RolloutProgress] = [:]
        /// When each service's progress was last said, in seconds since the watch began.
        var said: [String: Double] = [:]
        /// The new deployment's `failedTasks` when its stopped tasks were last read.
        var failuresRead: [String: Int] = [:]
        /// The containers of each new revision whose exit does not count, once read.
        var nonEssential: [String: Set<String>] = [:]
    }

    /// `onChange` hears each service's progress whenever it changes, with the seconds since the watch began.
    func watch(_ checks: Expectations, onChange: @escaping @Sendable (String, RolloutProgress, Double) -> Void)
        async throws(DeployError) -> [String: Ending]
    {
        let start = Date()
        var progress = Progress(pending: checks.rollouts)
        for round in 0... {
            let answers = await read(progress.pending.map(\.ecsName), cluster: checks.cluster)
            if case .failure(.interrupted(let signal)) = answers { throw .interrupted(signal: signal) }
            if case .failure(let error) = answers, let said = AWSComplaint.expiredSession(error.output) {
                throw .sessionExpired(during: "the rollout watch", said: Inert.field(said, limit: 300))
            }
            if let signal = children.interruption { throw .interrupted(signal: signal) }
            let elapsed = Date().timeIntervalSince(start)
            for rollout in progress.pending {
                let (now, service, revision) = await judge(rollout, answers, checks, &progress, elapsed: elapsed)
                if now != progress.last[rollout.service]
                    || elapsed - (progress.said[rollout.service] ?? 0) >= repeatAfter
                {
                    onChange(rollout.service, now, elapsed)
                    progress.said[rollout.service] = elapsed
                }
                progress.last[rollout.service] = now
                let ended: Verification.Rollout? =
                    switch now {
                    case .steady: .steady(seconds: elapsed)
                    case .failed(let why): .failed(why, seconds: elapsed)
                    case .rolling: elapsed >= checks.timeout ? .timedOut(now.detail, seconds: checks.timeout) : nil
                    }
                if let ended {
                    progress.endings[rollout.service] = Ending(rollout: ended, service: service, revision: revision)
                }
            }
            progress.pending.removeAll { progress.endings[$0.service] != nil }
            if progress.pending.isEmpty { break }
            try await pause(min(pauses[min(round, pauses.count - 1)], checks.timeout - elapsed))
        }
        return progress.endings
    }

    /// One service's progress this round, with ECS's answer and the new revision.
    private func judge(
        _ rollout: Expectations.Rollout, _ answers: Result<[String: ECSService], DeployError>, _ checks: Expectations,
        _ progress: inout Progress, elapsed: Double
    ) async -> (RolloutProgress, ECSService?, String?) {
        let services: [String: ECSService]
        switch answers {
        case .failure(let error):
            let said = error.output.last.map { ": \($0)" } ?? ""
            return (.rolling("could not ask ECS (\(error.message)\(said)); asking again"), nil, nil)
        case .success(let answered): services = answered
        }
        guard let service = services[rollout.ecsName] else {
            let missing =
                "ECS has no active service '\(rollout.ecsName)' in cluster \(checks.cluster): check terraform output "
                + "'ecs_service_names'"
            return (.failed(missing), nil, nil)
        }
        let runsImage = { [cache] (arn: String) in cache.images(arn).map { $0.contains(rollout.image) } }
        let new = RolloutJudge.newDeployment(service, runsImage: runsImage)
        var judged = RolloutJudge.judge(service, runsImage: runsImage, settling: elapsed < settling)
        if case .rolling = judged, let new, let failing = await failingFast(rollout, new, checks, &progress) {
            judged = failing
        }
        // With no deployment of it listed, the revision the service names still has tasks to read, if it runs the
        // image.
        let named = runsImage(service.taskDefinition) == true ? service.taskDefinition : nil
        return (judged, service, new?.taskDefinition ?? named)
    }

    /// When ECS counts more failed tasks in the new deployment than at the last look, its stopped tasks are read:
    /// `failAfter` of them failed (an essential container exited non-zero, or it could not start) ends it now.
    private func failingFast(
        _ rollout: Expectations.Rollout, _ new: ECSDeployment, _ checks: Expectations, _ progress: inout Progress
    ) async -> RolloutProgress? {
        guard failAfter > 0, new.failedTasks > (progress.failuresRead[rollout.service] ?? 0) else { return nil }
        progress.failuresRead[rollout.service] = new.failedTasks
        let diagnoser = Diagnoser(runner: runner)
        let revision = new.taskDefinition
        guard
            let tasks = try? await diagnoser.stoppedTasks(
                cluster: checks.cluster, ecsName: rollout.ecsName, revision: revision)
        else { return nil }
        if progress.nonEssential[revision] == nil, let details = try? await diagnoser.details(revision) {
            progress.nonEssential[revision] = details.nonEssentialNames
        }
        let nonEssential = progress.nonEssential[revision] ?? []
        let failed = FailFast.failures(tasks, revision: revision, nonEssential: nonEssential)
        guard failed.count >= failAfter, let last = failed.first else { return nil }
        return .failed(
            "\(failed.count) tasks of \(RolloutJudge.revision(revision)) failed, the last: \(FailFast.why(last)); "
                + "failed without waiting for ECS's circuit breaker (--fail-after \(failAfter)), while ECS goes on "
                + "trying on its own")
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
