import Foundation
import Testing

@testable import DeployCore

/// GitHub Actions reads workflow commands from a step's output: what deploy writes there is escaped as the runner
/// requires, and nothing a child prints can be read as a command.
@Suite struct WorkflowCommandTests {
    @Test func messagesAndPropertiesAreEscaped() {
        #expect(WorkflowCommand.data("100% done\r\nnext \u{1B}[2J") == "100%25 done%0D%0Anext ^[[2J")
        #expect(
            WorkflowCommand.error("a\nb", title: "deploy: failed, again")
                == "::error title=deploy%3A failed%2C again::a%0Ab")
        #expect(WorkflowCommand.warning("50%") == "::warning::50%25")
    }

    @Test func aStepsGroupStopsCommandsAroundWhatItsChildPrinted() {
        let text = StepGroups.text(
            title: "build auth: ok in 1.0s", StepGroups.Kept(lines: ["::set-output name=x::y", "done"]),
            token: "t0k3n")
        #expect(
            text
                == "::group::build auth: ok in 1.0s\n::stop-commands::t0k3n\n::set-output name=x::y\ndone\n::t0k3n::\n"
                + "::endgroup::\n")
    }

    @Test func aGroupKeepsItsLastLinesOnly() {
        let groups = StepGroups(limit: 2)
        groups.start("build auth")
        for line in ["1", "2", "3"] { #expect(groups.keep("build auth", line)) }
        #expect(!groups.keep("push auth", "not started"))
        #expect(groups.end("build auth") == StepGroups.Kept(lines: ["2", "3"], dropped: 1))
        #expect(groups.end("build auth") == nil)
    }

    @Test func outputsOnSeveralLinesGoBetweenDelimitersTheyDoNotContain() {
        #expect(GitHubFiles.output("sha", "abc1234") == "sha=abc1234\n")
        #expect(GitHubFiles.output("why", "a\nDEPLOY_EOF") == "why<<DEPLOY_EOF_\na\nDEPLOY_EOF\nDEPLOY_EOF_\n")
    }

    @Test func theRunIsFoundInGitHubsVariables() throws {
        let run = try #require(
            CIRun.detect([
                "GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "org/p", "GITHUB_RUN_ID": "9", "GITHUB_RUN_ATTEMPT": "2",
                "GITHUB_ACTOR": "bob", "GITHUB_SERVER_URL": "https://ghe.example",
            ]))
        #expect(run.url == "https://ghe.example/org/p/actions/runs/9/attempts/2")
        #expect(run.short == "bob@actions#9")
        #expect(CIRun.detect(["CI": "true"])?.system == "CI")
        #expect(CIRun.detect(["CI": "false"]) == nil && CIRun.detect([:]) == nil)
    }
}
