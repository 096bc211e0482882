import Testing

@testable import DeployCore

/// The job summary stays a well-formed page whatever AWS, git or a child said, and within GitHub's 1 MiB.
@Suite struct JobSummaryTests {
    static func summary(service: String = "auth", log: [String] = ["ok"]) -> JobSummary {
        var diagnosis = RolloutDiagnosis(events: ["(service x) failed | 100%"])
        diagnosis.tasks = [
            StoppedTask(
                id: "t1", taskDefinition: "arn:aws:ecs:r:1:task-definition/prod-auth:3", stopCode: "Essential",
                stoppedReason: "exit", containers: [StoppedTask.Container(name: "app", exitCode: 1, logs: log)])
        ]
        return JobSummary(
            title: "deploy prod: failed: x", succeeded: false, facts: [("Environment", "workspace prod")],
            rows: [JobSummary.Row(service: service, live: "0000000", new: "abc1234", why: "a|b", result: "FAILED")],
            plan: "2 to update", steps: [JobSummary.Step(label: "build auth", result: "ok", seconds: 1.25)],
            failure: ["line one", "line two"], diagnoses: [("auth", diagnosis)])
    }

    @Test func aHostileNameOrLogLineCannotBreakTheTablesOrAddMarkup() {
        let markdown = Self.summary(
            service: "a|b`c\n*d* <img src=x> %0A \u{1B}[31mred", log: ["```", "done ```` here", "<details>"]
        ).markdown()
        let row = markdown.split(separator: "\n").first { $0.hasPrefix("| a") } ?? ""
        #expect(row.filter { $0 == "|" }.count - row.components(separatedBy: "\\|").count + 1 == 5, "\(row)")
        #expect(row.contains("a\\|b\\`c"))
        #expect(row.contains("&lt;img src=x&gt;") && !row.contains("<img"))
        #expect(!markdown.contains("\u{1B}") && !row.contains("\n"))
        #expect(
            markdown.contains("\n`````text\n```\ndone ```` here\n<details>\n`````\n"), "a fence longer than any run")
        #expect(markdown.contains("| a\\|b |"), "the why column escaped too")
        #expect(markdown.contains("> line one\n>\n> line two"))
    }

    @Test func pastTheLimitTheLogLinesGoFirstAndItSaysSo() {
        let log = (1...40).map { "line \($0) " + String(repeating: "x", count: 300) }
        let whole = Self.summary(log: log).markdown()
        #expect(whole.contains("line 40 "))
        let lean = Self.summary(log: log).markdown(limit: whole.utf8.count - 1)
        #expect(!lean.contains("line 40 ") && lean.contains("log lines were left out to fit GitHub's limit"))
        let cut = Self.summary(log: log).markdown(limit: 300)
        #expect(
            cut.utf8.count <= 300 && cut.hasSuffix("_The summary was cut to fit GitHub's limit of 1 MiB per step._\n"))
    }

    @Test func aRunStoppedBeforeItsFirstStepSaysWhy() {
        #expect(JobSummary.stopped(.declined).hasPrefix("## ❌ deploy refused\n\n> not confirmed"))
    }
}
