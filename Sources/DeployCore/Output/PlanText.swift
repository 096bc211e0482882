/// The texts `deploy` prints about a release: the summary before the confirmation, the command list of
/// `--dry-run`, and the closing table. Pure, so tests read them without running anything.
enum PlanText {
    static func summary(_ release: Release, account: Account, workspace: String? = nil, previous: [String: String] = [:]) -> String {
        var lines = [
            "Account   \(account.id)  (\(account.arn))",
            "Region    \(account.region)    Profile \(account.profile)" + (workspace.map { "    Workspace \($0)" } ?? ""),
            "Tag       \(release.tag)",
            "Images    " + (release.images.isEmpty ? "none" : release.images.map(\.service).joined(separator: ", ")),
        ]
        let present = release.images.filter(\.inRegistry).map(\.service)
        if !present.isEmpty { lines.append("          already in ECR, not rebuilt: \(present.joined(separator: ", "))") }
        lines.append("SPAs      " + (release.sites.isEmpty ? "none" : release.sites.map(\.spa.name).joined(separator: ", ")))
        let current = release.sites.filter(\.upToDate).map(\.spa.name)
        if !current.isEmpty { lines.append("          bucket already holds this build, skipped: \(current.joined(separator: ", "))") }
        if release.apply != nil && !previous.isEmpty {
            lines.append("Rolls     " + release.images.map { "\($0.service) \(previous[$0.service] ?? "?") → \($0.tag)" }.joined(separator: "\n          "))
        }
        if let apply = release.apply {
            let scope = apply.targets.isEmpty ? "every service to \(release.tag)" : "only \(release.images.map(\.service).joined(separator: ", ")) (-target)"
            lines.append("Terraform apply in \(apply.directory) with \(apply.varFile): rolls \(scope)")
        } else {
            lines.append("Terraform not applied (--skip-tf): nothing rolls")
        }
        if let checks = release.checks {
            let health = checks.checksHealth ? ", then each service's health URL" : " (no api_base_url output: health not checked)"
            lines.append("Verify    ECS steady within \(WaitTime.text(checks.timeout))\(health)")
        } else if release.apply != nil {
            lines.append("Verify    not verified (--no-verify): the rollout is not watched")
        }
        return lines.joined(separator: "\n")
    }

    /// Every command in order, one per line, as `--dry-run` prints them.
    static func commands(_ steps: [Step]) -> String {
        steps.enumerated().map { "\($0.offset + 1). [\($0.element.label)] \($0.element.action.rendered)" }.joined(separator: "\n")
    }

    /// The dry run's list: the steps, then the checks that follow the apply.
    static func dryRun(_ release: Release) -> String {
        var text = "\nDry run: these commands would run, in this order; nothing was changed.\n" + commands(release.steps)
        if let checks = release.checks {
            text += "\nThen, until every service is steady (at most \(WaitTime.text(checks.timeout))), and once each is:\n" + commands(checks.steps)
        }
        return text
    }

    /// One line per rolled service: how its rollout ended and what its URLs answered.
    static func verification(_ verifications: [Verification]) -> String {
        let width = verifications.map(\.service.count).max() ?? 0
        return verifications.map { "verify   \($0.service.padding(toLength: width, withPad: " ", startingAt: 0))  \($0.summary)" }
            .joined(separator: "\n")
    }

    /// One line per step with its result and time, failures first, then the total.
    static func closing(_ outcomes: [StepOutcome], notRun: [Step], seconds: Double) -> String {
        let failed = outcomes.filter { !$0.status.succeeded }
        let passed = outcomes.filter { $0.status.succeeded }
        var lines = failed.map { "FAILED   \(duration($0.seconds))  \($0.step.label)  (\($0.status.phrase))" }
        lines += passed.map { "ok       \(duration($0.seconds))  \($0.step.label)" }
        lines += notRun.map { "not run           \($0.label)" }
        lines.append("total    \(duration(seconds))")
        return lines.joined(separator: "\n")
    }

    /// `12.3s`: tenths, cut rather than rounded.
    static func seconds(_ value: Double) -> String {
        String(Int(value * 10) / 10) + "." + String(Int(value * 10) % 10) + "s"
    }

    /// `seconds`, right-aligned for the closing table.
    private static func duration(_ value: Double) -> String {
        let text = seconds(value)
        return String(repeating: " ", count: max(0, 7 - text.count)) + text
    }
}
