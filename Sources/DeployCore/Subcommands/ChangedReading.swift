import Foundation

/// `deploy --changed`'s first answer: the DEPLOY/skip table, and when nothing changed, saying so (and what is
/// uncommitted, which no deploy ships) instead of deploying.
struct ChangedReading: Sendable {
    let context: DeployContext
    let opened: Opened
    let started: Date

    /// The verdicts, when any service is to deploy (or held); nil, said so, when nothing changed.
    func changesToDeploy(_ history: [HistoryRecord]) async throws(DeployError) -> [ServiceChange]? {
        let target = opened.target
        let changes = try await opened.changes.changes(target, history: history)
        context.reporter.result(
            ChangeText.table(changes, head: target.head, verbose: context.style.verbosity == .verbose))
        // A held service is a deploy that needs an answer (refused, or --allow-redeploy), not nothing to do.
        if changes.contains(where: { $0.action != .skip }) { return changes }
        context.reporter.result("nothing to deploy: no service changed since the commit it runs")
        let uncommitted = try await Preflight.dirtyFiles(opened.runner).filter { path in
            path.hasPrefix("services/")
                || !ChangeDetection(config: target.workspace.config).sharedPaths(in: [path]).isEmpty
        }
        if !uncommitted.isEmpty {
            context.reporter.result(
                "uncommitted changes are not part of any deploy (an image is built from a commit): "
                    + Preflight.listed(uncommitted) + "; commit them, then deploy")
        }
        if context.style.json { context.reporter.document(nothingToDeploy(target)) }
        return nil
    }

    private func nothingToDeploy(_ target: Target) -> String {
        let nothing = Release(
            tag: target.head, dockerfile: target.workspace.config.dockerfile, images: [], sites: [], apply: nil)
        return DeployDocument(
            release: nothing, outcomes: [], notRun: [], seconds: Date().timeIntervalSince(started), error: nil,
            result: .nothingToDeploy
        ).json
    }
}
