import Foundation
import Testing

@testable import DeployCore

/// What the operator reads: prefixes, quiet and verbose, the JSON summary.
@Suite struct OutputTests {
    func capture(_ verbosity: Reporter.Verbosity, json: Bool = false) -> (Reporter, Lines, Lines) {
        let out = Lines()
        let err = Lines()
        let reporter = Reporter(
            out: { out.append(OutputLine(.stdout, $0)) }, err: { err.append(OutputLine(.stderr, $0)) },
            verbosity: verbosity, json: json)
        return (reporter, out, err)
    }

    @Test func quietShowsOnlyQuestionsResultsAndErrors() {
        let (reporter, out, err) = capture(.quiet)
        reporter.child("build auth", OutputLine(.stdout, "step 1/9"))
        reporter.note("==> build auth")
        reporter.command("build auth", "docker build ...")
        reporter.ask("Type y to continue: ")
        reporter.result("deployed abc1234")
        reporter.error(.declined)
        #expect(out.all.map(\.text) == ["deployed abc1234\n"])
        #expect(
            err.all.map(\.text) == [
                "Type y to continue: \n", "deploy: error: not confirmed: nothing was built, pushed or applied\n",
            ])
    }

    @Test func verboseShowsEveryCommandAndJSONKeepsStdoutForTheDocument() {
        let (reporter, out, err) = capture(.verbose, json: true)
        reporter.command("push auth", "docker push r/auth:abc1234")
        reporter.child("push auth", OutputLine(.stderr, "pushed"))
        reporter.result("table")
        reporter.document("{}")
        #expect(
            err.all.map(\.text) == ["[push auth] $ docker push r/auth:abc1234\n", "[push auth] pushed\n", "table\n"])
        #expect(out.all.map(\.text) == ["{}\n"])
    }

    @Test func theJSONSummaryMatchesWhatRan() throws {
        var release = try ReleaseStepsTests.release(["--var-file", "prod.tfvars", "--profile", "p"])
        release.markInRegistry(["auth": "sha256:" + String(repeating: "a", count: 64)])
        let steps = release.steps
        let outcomes = [
            StepOutcome(step: steps[1], status: .exited(0), seconds: 2.5, attempts: 1, started: 0.1),
            StepOutcome(step: steps[3], status: .exited(1), seconds: 1.0, attempts: 3, started: 2.6),
        ]
        let error = DeployError.stepFailed(
            FailedStep(phase: steps[3].phase, subject: steps[3].subject, status: .exited(1)))
        let summary = DeployDocument(
            release: release, outcomes: outcomes, notRun: Array(steps.dropFirst(4)), seconds: 4, error: error)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(summary.json.utf8)) as? [String: Any])
        #expect(json["result"] as? String == "failed")
        #expect(json["tag"] as? String == "abc1234")
        let images = try #require(json["images"] as? [[String: Any]])
        #expect(images.map { $0["built"] as? Bool } == [false, false], "auth was in ECR; billing's push failed")
        #expect(images.map { $0["digest"] as? String } == ["sha256:" + String(repeating: "a", count: 64), nil])
        let pushed = DeployDocument(
            release: release, outcomes: [StepOutcome(step: steps[3], status: .exited(0), seconds: 1)], notRun: [],
            seconds: 4, error: nil)
        #expect(pushed.images.map(\.built) == [false, true])
        let ran = try #require(json["steps"] as? [[String: Any]])
        #expect(ran.map { $0["label"] as? String } == [steps[1].label, steps[3].label])
        #expect(
            ran[1]["result"] as? String == "failed" && ran[1]["attempts"] as? Int == 3
                && ran[1]["exitCode"] as? Int == 1)
        #expect((json["notRun"] as? [String])?.last == "apply")
    }

    @Test func aDeployThatStoppedEarlyStillWritesADocument() throws {
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(DeployDocument.stopped(.declined).utf8)) as? [String: Any])
        #expect(json["result"] as? String == "declined" && json["exitCode"] as? Int == 1)
    }

    @Test func theClosingTableListsFailuresFirst() {
        let steps = ScheduleTests.steps
        let text = ClosingText.steps(
            [
                StepOutcome(step: steps[0], status: .exited(0), seconds: 1.25),
                StepOutcome(step: steps[1], status: .signaled(9), seconds: 0.5),
            ],
            notRun: [steps.last!], seconds: 2)
        #expect(
            text.split(separator: "\n").map(String.init) == [
                "FAILED      0.5s  build auth  (was killed by signal 9)",
                "ok          1.2s  build deps",
                "not run           apply",
                "total       2.0s",
            ])
    }
}
