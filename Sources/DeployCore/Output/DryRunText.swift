/// The command list of `--dry-run`: every command of a release in order, then the checks after the apply.
/// Pure, as every text here.
enum DryRunText {
    /// Every command in order, one per line, as `--dry-run` prints them.
    static func commands(_ steps: [Step]) -> String {
        steps.enumerated().map { "\($0.offset + 1). [\($0.element.label)] \($0.element.action.rendered)" }.joined(
            separator: "\n")
    }

    /// The dry run's list: the steps, then the checks that follow the apply.
    static func dryRun(_ release: Release) -> String {
        var text =
            "\nDry run: these commands would run, in this order; nothing was changed.\n"
            + commands(release.stepsWithPlan)
        if let checks = release.expectations {
            text +=
                "\nThen, until every service is steady (at most \(WaitTime.text(checks.timeout))), and once each is:\n"
                + commands(checks.commands)
        }
        return text
    }
}
