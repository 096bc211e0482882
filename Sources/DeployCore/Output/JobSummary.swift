/// A run's job summary, in GitHub-flavoured Markdown for `GITHUB_STEP_SUMMARY`: where it deployed and as whom, each
/// service (live → new, why, how it ended), terraform's plan in counts, the steps' times, the result, and on a
/// failure why (ECS's events, the stopped tasks, their containers' exit codes and last log lines, folded). Everything
/// in it that AWS, git or a child said is escaped, so no text can break the tables or add markup. Pure.
struct JobSummary: Sendable {
    struct Row: Equatable, Sendable {
        var service: String
        var live: String?
        var new: String
        var why: String
        var result: String
    }

    struct Step: Equatable, Sendable {
        var label: String
        var result: String
        var seconds: Double
    }

    /// `deploy sandbox: deployed abc1234`.
    var title: String
    var succeeded: Bool
    /// Label and value, in order: the environment, the account, the commit, the run.
    var facts: [(String, String)]
    var rows: [Row]
    /// `1 to add, 9 to change, 0 to destroy`; nil when no plan was made.
    var plan: String?
    var steps: [Step]
    var notRun: [String] = []
    /// The error, line by line, when it failed.
    var failure: [String] = []
    var diagnoses: [(service: String, diagnosis: RolloutDiagnosis)] = []

    /// GitHub takes at most 1 MiB per step's summary: past `limit` bytes, the log lines go first (said so), then the
    /// rest is cut.
    func markdown(limit: Int = 1_000_000) -> String {
        let whole = render(logs: true)
        if whole.utf8.count <= limit { return whole }
        let lean = render(logs: false)
        if lean.utf8.count <= limit { return lean }
        let note = "\n\n_The summary was cut to fit GitHub's limit of 1 MiB per step._\n"
        return String(decoding: lean.utf8.prefix(max(0, limit - note.utf8.count)), as: UTF8.self) + note
    }

    private func render(logs: Bool) -> String {
        var parts = ["## \(succeeded ? "✅" : "❌") \(Self.text(title))", factTable(), serviceTable()]
        parts.append("**Terraform plan:** " + Self.text(plan ?? "not made"))
        parts.append(stepTable())
        if !failure.isEmpty {
            parts.append("### Why it failed\n\n" + failure.map { "> " + Self.text($0) }.joined(separator: "\n>\n"))
        }
        for (service, diagnosis) in diagnoses {
            parts.append(Self.diagnosis(service, diagnosis, logs: logs))
        }
        if !logs
            && diagnoses.contains(where: { $0.diagnosis.tasks.contains { $0.containers.contains { $0.logs != nil } } })
        {
            parts.append("_The containers' log lines were left out to fit GitHub's limit of 1 MiB per step._")
        }
        return parts.joined(separator: "\n\n") + "\n"
    }

    private func factTable() -> String {
        (["| | |", "|---|---|"] + facts.map { "| \(Self.text($0.0)) | \(Self.text($0.1)) |" }).joined(separator: "\n")
    }

    private func serviceTable() -> String {
        guard !rows.isEmpty else { return "_No service rolls._" }
        let lines = rows.map { row in
            let from = row.live.map { Self.code($0) + " → " } ?? ""
            return "| \(Self.text(row.service)) | \(from)\(Self.code(row.new)) | \(Self.text(row.why)) | "
                + "\(Self.text(row.result)) |"
        }
        return (["| Service | Live → new | Why | Result |", "|---|---|---|---|"] + lines).joined(separator: "\n")
    }

    private func stepTable() -> String {
        let rows =
            steps.map { "| \(Self.text($0.label)) | \(Self.text($0.result)) | \(WaitTime.tenths($0.seconds)) |" }
            + notRun.map { "| \(Self.text($0)) | not run | |" }
        return "<details><summary>Steps: \(steps.count) ran, \(notRun.count) not run</summary>\n\n"
            + (["| Step | Result | Time |", "|---|---|---|"] + rows).joined(separator: "\n") + "\n\n</details>"
    }

    private static func diagnosis(_ service: String, _ diagnosis: RolloutDiagnosis, logs: Bool) -> String {
        var lines = ["#### \(text(service))"]
        if !diagnosis.events.isEmpty {
            lines.append("ECS events since the apply:\n")
            lines += diagnosis.events.prefix(20).map { "- " + text($0) }
        }
        for task in diagnosis.tasks.prefix(5) {
            let why = [task.stopCode, task.stoppedReason].compactMap { $0 }.joined(separator: ": ")
            lines.append(
                "\nTask \(code(task.id)) of \(code(RolloutJudge.revision(task.taskDefinition))) stopped: \(text(why))\n"
            )
            for container in task.containers.prefix(10) {
                let ended = container.exitCode.map { "exited with \($0)" } ?? "did not run"
                let reason = container.reason.map { " (\(text($0)))" } ?? ""
                lines.append("- \(code(container.name)) \(ended)\(reason)")
                if logs, let tail = container.logs, !tail.isEmpty {
                    lines.append(
                        "\n<details><summary>its last \(min(tail.count, 40)) log lines</summary>\n\n"
                            + fenced(tail.suffix(40).map { Inert.visible($0) }) + "\n\n</details>\n")
                }
            }
        }
        lines += diagnosis.notes.prefix(10).map { "- " + text($0) }
        return lines.joined(separator: "\n")
    }

    /// The summary of a run stopped before its first step: why, and that nothing changed.
    static func stopped(_ error: DeployError) -> String {
        let title = DeployResult(stoppedBy: error) == .interrupted ? "deploy interrupted" : error.annotationTitle
        let why = error.message.split(separator: "\n").map { "> " + text(String($0)) }.joined(separator: "\n")
        return "## ❌ \(text(title))\n\n\(why)\n"
    }

    /// Text that Markdown shows as it is, on one line: no markup, no HTML, no table breaks, no escape codes.
    static func text(_ raw: String) -> String {
        var shown = ""
        for character in Inert.field(raw, limit: 2000) {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "|", "~", "#": shown += "\\" + String(character)
            case "<": shown += "&lt;"
            case ">": shown += "&gt;"
            case "&": shown += "&amp;"
            default: shown.append(character)
            }
        }
        return shown
    }

    /// A short value (a tag, an id) in a code span: a `<code>` element, so a backtick in it cannot end it early.
    static func code(_ raw: String) -> String {
        let escaped = Inert.field(raw, limit: 200).replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "|", with: "&#124;")
        return "<code>\(escaped)</code>"
    }

    /// Lines in a fenced block whose fence is longer than any run of backticks in them.
    static func fenced(_ lines: [String]) -> String {
        let longest =
            lines.map { line in
                line.split(separator: "`", omittingEmptySubsequences: false).count > 1
                    ? Self.longestRun(of: "`", in: line) : 0
            }.max() ?? 0
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return ([fence + "text"] + lines + [fence]).joined(separator: "\n")
    }

    private static func longestRun(of character: Character, in line: String) -> Int {
        var (longest, current) = (0, 0)
        for each in line {
            current = each == character ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }
}
