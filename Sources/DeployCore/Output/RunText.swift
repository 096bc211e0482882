/// What a run says around its steps: the one question, the line it ends with, and what to do when the new code is
/// not serving. Pure.
enum RunText {
    /// The typed `y` covers this.
    static func question(_ release: Release, _ deployment: Deployment) -> String {
        let account = deployment.account.map { "account \($0.id) (\($0.region))" } ?? "this account"
        if let promotion = release.promotion {
            return "Promote \(release.images.count) service(s) from \(promotion.from) to \(account)?"
        }
        return deployment.options.mode == .rollback
            ? "Roll back \(release.images.count) service(s) in \(account)?"
            : "Deploy \(release.tag) to \(account)?"
    }

    /// `deployed abc1234`, or what a rollback rolled.
    static func done(_ release: Release, _ mode: ReleaseOptions.Mode) -> String {
        if let promotion = release.promotion {
            return "promoted \(release.images.map { "\($0.service) \($0.tag)" }.joined(separator: ", ")) from "
                + promotion.from
        }
        return mode == .rollback
            ? "rolled back \(release.images.map { "\($0.service) to \($0.tag)" }.joined(separator: ", "))"
            : "deployed \(release.tag)"
    }

    /// Where an interrupted run was when it stopped: the steps that were running, or the rollout watch; nil for a run
    /// that was not interrupted.
    static func stoppedIn(_ failure: DeployError?, _ outcomes: [StepOutcome], watching: Bool) -> String? {
        switch failure {
        case .interrupted, .applyStopped(.interrupted): break
        default: return nil
        }
        if watching { return "the rollout watch" }
        let running = outcomes.filter { !$0.succeeded }.map(\.step.label)
        return running.isEmpty ? "between steps" : running.joined(separator: ", ")
    }

    /// What the operator can do when the new code is not serving.
    static func nextStep(_ mode: ReleaseOptions.Mode, varFile: String) -> String {
        if mode == .rollback {
            return
                "the rollback did not settle either: read the ECS service events, or pick another tag with deploy "
                + "rollback --var-file \(varFile) --to <sha> (see deploy history)"
        }
        return "to return to the tags that ran before, run: deploy rollback --var-file \(varFile)"
    }
}
