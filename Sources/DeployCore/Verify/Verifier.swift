import Foundation

/// After the apply: watches every rolled service until ECS is steady, then checks its health (and docs)
/// URLs. Reports each service's progress as it changes, one line per service, or on the live board.
struct Verifier: Sendable {
    let runner: any CommandRunner
    let reporter: Reporter
    let children: ChildRegistry
    let cache: TaskDefinitionCache
    /// On a terminal: the board, one row per service.
    let live: (any Board)?
    /// How long it waits between health requests and rounds of the watch.
    var pace = Pace()
    var health: HealthCheck {
        var check = HealthCheck(runner: runner, children: children, pause: pace.healthPause)
        check.retrying = { [reporter] in reporter.note("[health] " + $0) }
        return check
    }

    init(
        runner: any CommandRunner, reporter: Reporter, children: ChildRegistry, cache: TaskDefinitionCache,
        live: (any Board)?
    ) {
        self.runner = runner
        // Behind the board, progress lines go above it instead of through it.
        self.reporter =
            live == nil ? reporter : reporter.behindBoard()
        self.children = children
        self.cache = cache
        self.live = live
    }

    /// `watch`: false when nothing was applied (the plan had no changes): no rollout, only the URLs. `since`: when
    /// the apply began (ECS's events before it are not this deploy's).
    func verify(_ checks: Expectations, watch: Bool = true, since: Date = Date()) async throws(DeployError)
        -> [Verification]
    {
        if !checks.checksHealth { reporter.note("==> health not checked: terraform has no 'api_base_url' output") }
        reporter.note(
            watch
                ? "==> watching the rollout of \(checks.rollouts.count) service(s), at most "
                    + "\(WaitTime.text(checks.timeout))"
                : "==> nothing was applied, so no rollout to watch: checking that the services answer")
        live?.start()
        defer { live?.stop() }
        var endings: [(key: String, value: RolloutWatch.Ending)] =
            watch
            ? try await self.watch(checks)
            : checks.rollouts.map { ($0.service, RolloutWatch.Ending(rollout: .unchanged)) }
        let digests = await compareDigests(&endings, checks)
        var verifications = try await diagnose(endings, checks, since: since)
        for index in verifications.indices { verifications[index].digest = digests[verifications[index].service] }
        let healthy = verifications.map { $0.steadySeconds != nil || $0.rollout == .unchanged }
        for (position, answer) in try await askHealth(checks, steady: healthy) {
            verifications[position].answers.append(answer)
        }
        return verifications
    }

    /// The digest each steady service's tasks run, compared with the one its tag named when this deploy pushed or
    /// found it: one that differs fails its rollout, naming both. Returns the digests that matched, by service.
    private func compareDigests(_ endings: inout [(key: String, value: RolloutWatch.Ending)], _ checks: Expectations)
        async -> [String: String]
    {
        let rollouts = Dictionary(checks.rollouts.map { ($0.service, $0) }) { first, _ in first }
        let steady = endings.indices.filter { endings[$0].value.rollout.result == .steady }.compactMap { index in
            rollouts[endings[index].key].flatMap { rollout in rollout.digest.map { (index, rollout, $0) } }
        }
        let verdicts = await DigestCheck(runner: runner).check(
            steady.map { ($0.1, expected: $0.2) }, cluster: checks.cluster)
        var matched: [String: String] = [:]
        for (index, _, _) in steady {
            let service = endings[index].key
            guard let verdict = verdicts[service] else { continue }
            switch verdict {
            case .matches(let digest): matched[service] = digest
            case .differs(let why):
                endings[index].value.rollout = .failed(why, seconds: endings[index].value.rollout.seconds ?? 0)
                reporter.note("[digest \(service)] FAILED: \(why)")
            case .unknown(let why): reporter.note("[digest \(service)] not compared: \(why)")
            }
        }
        return matched
    }

    /// Each service's verification so far, with the diagnosis of each rollout that did not end steady (read at
    /// once across them).
    private func diagnose(_ endings: [(key: String, value: RolloutWatch.Ending)], _ checks: Expectations, since: Date)
        async throws(DeployError) -> [Verification]
    {
        let diagnoser = Diagnoser(runner: runner)
        let names = Dictionary(uniqueKeysWithValues: checks.rollouts.map { ($0.service, $0.ecsName) })
        let failed = endings.filter { $0.value.rollout.result == .failed || $0.value.rollout.result == .timedOut }
        if !failed.isEmpty {
            reporter.note("==> reading why \(failed.map(\.key).joined(separator: ", ")) did not roll")
        }
        let diagnoses = await concurrentMap(failed, limit: 4) { (ending) -> (String, RolloutDiagnosis) in
            let (service, end) = ending
            let diagnosis = await diagnoser.diagnose(
                cluster: checks.cluster, ecsName: names[service] ?? service, service: end.service,
                revision: end.revision, since: since)
            return (service, diagnosis)
        }
        if let signal = children.interruption { throw .interrupted(signal: signal) }
        let found = Dictionary(diagnoses) { first, _ in first }
        let estimates = Dictionary(checks.rollouts.map { ($0.service, $0.estimate) }) { first, _ in first }
        return endings.map { ending in
            var verification = Verification(
                service: ending.key, rollout: ending.value.rollout, diagnosis: found[ending.key])
            verification.estimate = estimates[ending.key] ?? nil
            if let steady = verification.steadySeconds, let service = ending.value.service {
                verification.phases = RolloutPhases.phases(
                    service.events, since: since, steadyAt: since.addingTimeInterval(steady))
            }
            return verification
        }
    }

    /// How each rollout ended, in the order of `checks.rollouts`; one that ECS never answered for timed out.
    private func watch(_ checks: Expectations) async throws(DeployError) -> [(key: String, value: RolloutWatch.Ending)]
    {
        // The board's rows are `checks.steps`: a rollout's row is its position.
        let positions = Dictionary(uniqueKeysWithValues: checks.rollouts.enumerated().map { ($1.service, $0) })
        let begun = Date()
        for position in checks.rollouts.indices { live?.update(position, .running(since: begun)) }
        var watch = RolloutWatch(runner: runner, cache: cache, children: children)
        (watch.pauses, watch.settling, watch.repeatAfter) = (pace.watchPauses, pace.settling, pace.quietAfter)
        watch.failAfter = checks.failAfter
        let endings = try await watch.watch(checks) { [reporter, live] service, progress, elapsed in
            switch progress {
            case .steady: live?.update(positions[service]!, .done(seconds: elapsed))
            case .failed: live?.update(positions[service]!, .failed)
            case .rolling: break
            }
            reporter.note("[rollout \(service)] " + Self.describe(progress, elapsed))
        }
        return checks.rollouts.map { rollout in
            (
                rollout.service,
                endings[rollout.service]
                    ?? RolloutWatch.Ending(rollout: .timedOut("ECS never answered", seconds: checks.timeout))
            )
        }
    }

    /// The health (and docs) URLs of the services that ended steady, by rollout position.
    private func askHealth(_ checks: Expectations, steady: [Bool]) async throws(DeployError) -> [(
        Int, Verification.Answer
    )] {
        let requests = checks.rollouts.indices.flatMap { position in
            steady[position] ? checks.rollouts[position].urls.indices.map { (position, $0) } : []
        }
        return try await concurrentMap(requests, limit: 4) { [health, reporter, live] (request) throws(DeployError) in
            let (position, index) = request
            let rollout = checks.rollouts[position]
            let url = rollout.urls[index]
            let row = checks.healthStep(rollout: position, url: index)
            live?.update(row, .running(since: Date()))
            let answer = try await health.check(url, label: rollout.service)
            live?.update(row, answer.ok ? .done(seconds: 0) : .failed)
            reporter.note("[health \(rollout.service)] GET \(url): \(answer.status.map(String.init) ?? "no answer")")
            return (position, answer)
        }
    }

    static func describe(_ progress: RolloutProgress, _ elapsed: Double) -> String {
        switch progress {
        case .steady: return "steady after \(WaitTime.tenths(elapsed))"
        case .rolling(let detail): return "rolling: \(detail)"
        case .failed(let why): return "FAILED: \(why)"
        }
    }
}
