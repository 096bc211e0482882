import Foundation

/// What `deploy status` is asked: where, read with which profile.
struct StatusOptions: Equatable, Sendable {
    var target = TargetOptions()
}

/// `deploy status`: the whole story in one screen, read-only: who holds the lock, how the last deploy went,
/// what is uncommitted, and per service what runs, whether it answers, and what `--changed` would do with it.
struct StatusCommand: Sendable {
    let options: StatusOptions
    let context: DeployContext

    func run() async throws(DeployError) {
        let opened = try await context.open(options.target)
        async let lock = outcome { () async throws(DeployError) in try await lockState(opened) }
        async let uncommitted = outcome { () async throws(DeployError) in try await Preflight.dirtyFiles(opened.runner)
        }
        async let health = health(opened)
        let history = try await History.read(opened)
        if let warning = History.warning(history.unreadable) { context.reporter.note(warning) }
        let changes = try await opened.changes.changes(opened.target, history: history.records)
        let report = StatusReport(
            head: opened.target.head, changes: changes, health: await health, lock: try await lock.get(),
            last: history.records.last, uncommitted: try await uncommitted.get())
        if context.style.json {
            context.reporter.document(StatusText.json(report))
        } else {
            context.reporter.result(StatusText.text(report, verbose: context.style.verbosity == .verbose))
        }
    }

    /// The team's lock with a deploy bucket, else this clone's.
    private func lockState(_ opened: Opened) async throws(DeployError) -> LockState {
        guard let (store, place) = opened.objects else {
            return LockState.clone(gitDirectory: opened.workspace.gitDirectory, workspace: opened.target.workspaceName)
        }
        return try await LockState.shared(store, place)
    }

    /// Each service's health URL (the one the verification reads), asked once, at once; nil without `api_base_url`.
    private func health(_ opened: Opened) async -> [String: String]? {
        guard let base = opened.target.facts.apiBaseURL else { return nil }
        let check = HealthCheck(runner: opened.runner, children: context.children)
        let config = opened.workspace.config
        let services = opened.workspace.services
        let answers = await concurrentMap(services, limit: 4) { (service) -> String in
            let url = base + config.apiPrefix(for: service) + "/health"
            guard let (status, _) = try? await check.ask(url) else { return "?" }
            return status.map(String.init) ?? "no answer"
        }
        return Dictionary(uniqueKeysWithValues: zip(services, answers))
    }
}
