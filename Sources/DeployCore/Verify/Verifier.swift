import Foundation

/// After the apply: watches every rolled service until ECS is steady, then checks its health (and docs)
/// URLs. Reports each service's progress as it changes, one line per service, or on the live board.
struct Verifier: Sendable {
    let runner: any CommandRunner
    let reporter: Reporter
    let children: ChildRegistry
    let cache: TaskDefinitionCache
    /// On a terminal: the board, one row per service.
    let live: LiveStatus?
    var health: HealthCheck { HealthCheck(runner: runner, children: children) }

    func verify(_ checks: Checks) async throws(DeployError) -> [Verification] {
        let steps = checks.steps
        let rolloutRow = Dictionary(uniqueKeysWithValues: steps.indices.filter { steps[$0].phase == .rollout }.map { (steps[$0].subject!, $0) })
        let begun = Date()
        if !checks.checksHealth { reporter.note("==> health not checked: terraform has no 'api_base_url' output") }
        reporter.note("==> watching the rollout of \(checks.rollouts.count) service(s), at most \(WaitTime.text(checks.timeout))")
        live?.start()
        for index in steps.indices where steps[index].phase == .rollout { live?.update(index, .running(since: begun)) }
        let endings = try await RolloutWatch(runner: runner, cache: cache, children: children)
            .watch(checks) { [reporter, live] service, progress, elapsed in
                let index = rolloutRow[service]!
                switch progress {
                case .steady: live?.update(index, .done(seconds: elapsed))
                case .failed: live?.update(index, .failed)
                case .rolling: break
                }
                reporter.note("[rollout \(service)] " + Self.describe(progress, elapsed))
            }
        var verifications = checks.rollouts.map { rollout in
            Verification(service: rollout.service, rollout: Self.rollout(endings[rollout.service] ?? .timedOut("ECS never answered")))
        }
        // Only a steady service is asked; each request is its own row of the board, in the order of `steps`.
        let requests = steps.indices.filter { steps[$0].phase == .health }.enumerated().compactMap { (order, index) -> (Int, String, Int)? in
            let (position, url) = Self.request(order, of: checks)
            return verifications[position].steadySeconds == nil ? nil : (position, url, index)
        }
        let answers = try await concurrentMap(requests, limit: 4) { [health, reporter, live] (request) throws(DeployError) in
            let (position, url, index) = request
            live?.update(index, .running(since: Date()))
            let answer = try await health.check(url)
            live?.update(index, answer.ok ? .done(seconds: 0) : .failed)
            reporter.note("[health \(checks.rollouts[position].service)] GET \(url): \(answer.status.map(String.init) ?? "no answer")")
            return (position, answer)
        }
        for (position, answer) in answers { verifications[position].answers.append(answer) }
        live?.stop()
        return verifications
    }

    /// The `order`-th URL of all rollouts: which rollout it belongs to, and the URL.
    private static func request(_ order: Int, of checks: Checks) -> (Int, String) {
        var remaining = order
        for (position, rollout) in checks.rollouts.enumerated() {
            if remaining < rollout.urls.count { return (position, rollout.urls[remaining]) }
            remaining -= rollout.urls.count
        }
        preconditionFailure("more health steps than URLs")
    }

    private static func rollout(_ ending: RolloutWatch.Ending) -> Verification.Rollout {
        switch ending {
        case .steady(let seconds): return .steady(seconds: seconds)
        case .failed(let why, let seconds): return .failed(why, seconds: seconds)
        case .timedOut(let detail): return .timedOut(detail)
        }
    }

    static func describe(_ progress: RolloutProgress, _ elapsed: Double) -> String {
        switch progress {
        case .steady: return "steady after \(Verification.seconds(elapsed))"
        case .rolling(let detail): return "rolling: \(detail)"
        case .failed(let why): return "FAILED: \(why)"
        }
    }
}
