/// What `deploy status` is asked: where, read with which profile.
struct StatusOptions: Equatable, Sendable {
    var target = TargetOptions()
}

/// `deploy status`: what `--changed` would do, and why; read-only.
struct StatusCommand: Sendable {
    let options: StatusOptions
    let context: DeployContext

    func run() async throws(DeployError) {
        let opened = try await context.open(options.target)
        let history = try await History.read(opened).records
        let changes = try await opened.changes.changes(opened.target, history: history)
        let head = opened.target.head
        if context.style.json {
            context.reporter.document(ChangeText.json(changes, head: head))
        } else {
            context.reporter.result(
                ChangeText.table(changes, head: head, verbose: context.style.verbosity == .verbose))
        }
    }
}
