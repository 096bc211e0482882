import Foundation
import Testing

@testable import DeployCore

/// The questions: the profile menu, and the one typed `y` that covers the summary and terraform's plan.
@Suite struct ConfirmationTests {
    static let deploy = ["--var-file", "tfvars/prod.tfvars", "--profile", "p", "--min-free-gb", "0"]

    @Test(arguments: ["n", "yes", ""])
    func anythingButYAtTheConfirmationPushesNothing(answer: String) async {
        let platform = ScriptedPlatform()
        let run = await platform.run(Self.deploy, answers: [answer])
        #expect(run.code == 1)
        #expect(run.out.contains("Account   123456789012"))
        #expect(run.err.contains("Type y to continue"))
        #expect(run.err.contains("deploy: error: not confirmed: nothing was built, pushed or applied"))
        #expect(platform.dockerWork.isEmpty)
        #expect(platform.model.withLock { $0.tags["auth"]?.contains(ScriptedPlatform.head) } == false)
        #expect(platform.history.isEmpty)
    }

    /// The `y` covers the plan the summary showed: terraform applies exactly it and asks nothing more.
    @Test func withoutYesOneQuestionCoversThePlan() async {
        let platform = ScriptedPlatform()
        let run = await platform.run(Self.deploy + ["--skip-spas"], answers: ["y"])
        #expect(run.error == nil, "\(run.err)")
        #expect(run.out.contains("Plan      2 to replace, 2 to update"))
        #expect(run.err.components(separatedBy: "Type y to continue").count == 2, "one question")
        let plan = platform.commands.firstIndex { $0.contains(" plan ") } ?? .max
        let build = platform.commands.firstIndex { $0.hasPrefix("docker build") } ?? -1
        #expect(plan < build, "the plan is made before the question, so before any build")
        #expect(platform.live["auth"] == ScriptedPlatform.head)
    }

    @Test func theProfileMenuOffersTheProfilesFound() async {
        let platform = ScriptedPlatform()
        let run = await platform.run(
            ["--skip-tf", "--skip-spas", "--services", "auth", "--dry-run"], answers: ["2"],
            environment: ["AWS_PROFILE": nil])
        #expect(run.error == nil, "\(run.err)")
        #expect(run.err.contains("AWS profiles:\n  1) prod\n  2) sandbox"))
        #expect(run.out.contains("Profile sandbox"))
    }
}
