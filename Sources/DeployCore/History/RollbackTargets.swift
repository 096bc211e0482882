/// Where `deploy rollback` takes each service, decided from the history and the flags. Pure.
enum RollbackTargets {
    /// Service → tag. Default: the services of the last deploy that reached `terraform apply`, each back to
    /// the tag it ran before that deploy. That is the last successful deploy, unless a later one failed
    /// after its apply (its verification): then that one is what needs undoing. A rollback is never
    /// undone by another rollback. `--services` narrows or names them; `--to` gives one tag for all.
    /// `live`: what each service runs now, to refuse tags from a history that is out of date.
    /// `file`: where the history was read, for messages; `shared`: whether every operator's deploys are in it.
    static func resolve(
        history: [HistoryRecord], services requested: [String]?, to tag: String?,
        live: [String: String], file: String, shared: Bool = false
    ) throws(DeployError) -> [String: String] {
        let last = history.last { $0.applied && $0.mode != .rollback && !$0.services.isEmpty }
        guard let services = requested ?? last?.services.map(\.service) else {
            throw .refused(
                "no deploy that reached terraform apply is recorded in \(file), so there is nothing to roll back by "
                    + "default: name them, as in deploy rollback --services auth,billing --to <sha>"
            )
        }
        if let tag { return Dictionary(uniqueKeysWithValues: services.map { ($0, tag) }) }
        guard let last else {
            throw .refused(
                "no deploy that reached terraform apply is recorded in \(file) to take earlier tags from: pass --to "
                    + "<sha> (see deploy history)"
            )
        }
        try checkNothingSince(last, live: live, services: services, shared: shared)
        let targets = try earlierTags(of: services, before: last)
        try checkNotRepeated(targets, history: history)
        return targets
    }

    /// Each service's tag before `last`, as recorded.
    private static func earlierTags(of services: [String], before last: HistoryRecord) throws(DeployError)
        -> [String: String]
    {
        var targets: [String: String] = [:]
        for service in services {
            guard let entry = last.services.first(where: { $0.service == service }) else {
                throw .refused(
                    "\(service) was not rolled by the last deploy (\(last.time), \(last.head)): pass --to <sha> to "
                        + "pick its tag"
                )
            }
            guard let previous = entry.previousTag else {
                throw .refused(
                    "the tag \(service) ran before the last deploy (\(last.time)) is not recorded: pass --to <sha> "
                        + "(see deploy history)"
                )
            }
            targets[service] = previous
        }
        return targets
    }

    /// A second rollback right after one, to the same tags, has nothing to do.
    private static func checkNotRepeated(_ targets: [String: String], history: [HistoryRecord]) throws(DeployError) {
        guard let done = history.last(where: \.applied), done.mode == .rollback, done.succeeded else { return }
        let tags = Dictionary(done.services.map { ($0.service, $0.tag) }, uniquingKeysWith: { first, _ in first })
        guard tags == targets else { return }
        throw .refused(
            "already rolled back to these tags (\(done.time)); nothing to do. To go further back, pass --to "
                + "<sha> (see deploy history)"
        )
    }

    /// When a service runs neither what the recorded deploy set nor what it replaced (ECS's own rollback),
    /// it was deployed since without being recorded here (from another clone, with this clone's history; by
    /// hand, with the shared one), and the recorded earlier tag is not "the one before" any more.
    static func checkNothingSince(_ record: HistoryRecord, live: [String: String], services: [String], shared: Bool)
        throws(DeployError)
    {
        for service in services {
            guard let entry = record.services.first(where: { $0.service == service }), let running = live[service]
            else { continue }
            if running != entry.tag && running != entry.previousTag {
                let since =
                    shared
                    ? "the last deploy in the shared history (\(record.time)) set \(entry.tag): it was changed since "
                        + "without deploy (by hand or by another tool), so its earlier tag is unknown; pass --to <sha>"
                    : "the last deploy recorded in this clone (\(record.time)) set \(entry.tag): it was deployed since "
                        + "from elsewhere, so its earlier tag is unknown here; pass --to <sha>"
                throw .refused("\(service) runs \(running), but " + since)
            }
        }
    }

    /// A rollback never builds: a tag ECR does not hold (`service:tag`) refuses it before anything changes.
    /// `recovering`: the rollback after a failed deploy, which says so.
    static func missingRefusal(_ missing: [String], recovering: Bool) -> DeployError? {
        guard !missing.isEmpty else { return nil }
        let listed = missing.joined(separator: ", ")
        if recovering {
            return .refused("\(listed) not in ECR, and a rollback never builds; nothing was rolled back")
        }
        return .refused(
            "not rolling back: \(listed) not in ECR, and a rollback never builds; nothing was changed. Pick a tag "
                + "that deploy history shows as deployed")
    }
}
