/// Decides which services `--changed` deploys, from what ECS runs and what git says changed since.
/// Pure: the readers gather the facts, this only decides. Never skips a service silently: anything it
/// cannot prove unchanged is DEPLOY, with the reason.
struct ChangeDetection: Sendable {
    let config: PlatformConfig

    /// `rollbacks`: the services whose last deploy was rolled back, with what was undone (`relations` then
    /// also holds where each undone commit stands against HEAD).
    func changes(
        services: [String], live: [String: LiveState], relations: [String: CommitRelation],
        rollbacks: [String: Rollback] = [:]
    ) -> [ServiceChange] {
        services.map { service in
            let change = change(for: service, live: live[service] ?? .serviceMissing, relations: relations)
            guard let rollback = rollbacks[service] else { return change }
            return held(change, rollback, relation: relations[rollback.from])
        }
    }

    /// A service whose last deploy was rolled back says so; deploying HEAD is held when it would ship the
    /// undone commit again: HEAD is it, or has nothing new for the service since it.
    private func held(_ change: ServiceChange, _ rollback: Rollback, relation: CommitRelation?) -> ServiceChange {
        var change = change
        change.rolledBack = rollback
        let undone = "rolled back from \(rollback.from) by \(rollback.by) at \(rollback.time)"
        let shipsAgain: Bool
        switch relation {
        case .same: shipsAgain = true
        case .behind(_, let paths): shipsAgain = relevant(paths, to: change.service).isEmpty
        default: shipsAgain = false
        }
        guard change.action == .deploy && shipsAgain else {
            change.reason = "\(undone); \(change.reason)"
            return change
        }
        change.action = .held
        change.reason =
            "\(undone), and HEAD has nothing new for it since: deploying would ship it again (--allow-redeploy)"
        return change
    }

    private func change(for service: String, live: LiveState, relations: [String: CommitRelation]) -> ServiceChange {
        func deploy(_ reason: String) -> ServiceChange {
            ServiceChange(service: service, liveTag: live.tag, behind: nil, action: .deploy, reason: reason)
        }
        switch live {
        case .serviceMissing: return deploy("no live ECS service found")
        case .taskDefinitionMissing(let arn): return deploy("live task definition \(arn) could not be read")
        case .otherRepository(let images):
            return deploy("live image is not from its repository: \(images.joined(separator: ", "))")
        case .untagged(let image): return deploy("live tag unknown: \(image)")
        case .tagged(let tag):
            guard let commit = live.commit, let relation = relations[commit] else {
                return deploy("live tag unknown: '\(tag)' is not a git SHA")
            }
            return change(for: service, commit: commit, relation: relation)
        }
    }

    private func change(for service: String, commit: String, relation: CommitRelation) -> ServiceChange {
        var change = ServiceChange(service: service, liveTag: commit, behind: nil, action: .deploy, reason: "")
        switch relation {
        case .same:
            change.behind = 0
            change.action = .skip
            change.reason = "live is HEAD"
        case .behind(let commits, let paths):
            change.behind = commits
            change.paths = relevant(paths, to: service)
            change.action = change.paths.isEmpty ? .skip : .deploy
            change.reason = change.paths.isEmpty ? "no change since \(commit)" : describe(change.paths)
        case .ahead(let commits):
            change.rollsBack = true
            change.reason = "live \(commit) is \(commits) commit(s) ahead of HEAD: deploying would roll it back"
        case .diverged(let ahead, let behind):
            change.rollsBack = true
            change.reason =
                "live \(commit) is not an ancestor of HEAD (history rewritten or another branch: it has \(ahead) "
                + "commit(s) "
                + "HEAD lacks, HEAD has \(behind) it lacks): deploying would drop them"
        case .unknownCommit:
            change.reason =
                "live tag unknown: \(commit) is not a commit in this clone (shallow clone or rewritten history?)"
        }
        return change
    }

    /// The paths that rebuild this service: its own folder, the shared packages and the build inputs.
    func relevant(_ paths: [String], to service: String) -> [String] {
        let shared = sharedPaths(in: paths)
        let own = paths.filter { $0.hasPrefix("services/\(service)/") }
        return shared + own
    }

    func sharedPaths(in paths: [String]) -> [String] {
        paths.filter { path in
            (config.sharedPaths + config.buildInputs).contains { path == $0 || path.hasPrefix($0 + "/") }
        }
    }

    /// "shared: packages/common/index.js (+2 more)" or "services/auth/src/a.js, services/auth/b.js".
    private func describe(_ paths: [String]) -> String {
        let shared = sharedPaths(in: paths)
        let shown = Array((shared.isEmpty ? paths : shared).prefix(2))
        let more = paths.count - shown.count
        return (shared.isEmpty ? "" : "shared: ") + shown.joined(separator: ", ") + (more > 0 ? " (+\(more) more)" : "")
    }
}
