import Testing

@testable import DeployCore

/// What a run says around its steps.
@Suite struct RunTextTests {
    @Test func theQuestionNamesTheAccountAndARollbackHowMany() throws {
        var deployment = try Deployment.testing()
        let release = try Release(resolving: deployment)
        #expect(RunText.question(release, deployment) == "Deploy abc1234 to this account?")
        deployment.account = Account(id: "123456789012", arn: "arn", region: "eu-west-1", profile: "p")
        #expect(RunText.question(release, deployment) == "Deploy abc1234 to account 123456789012 (eu-west-1)?")
        var options = ReleaseOptions(mode: .rollback)
        options.services = ["auth"]
        var rollback = try Deployment.testing(options)
        rollback.account = deployment.account
        rollback.rollBack(to: ["auth": "0ld0ld0"], live: ["auth": "abc1234", "billing": "abc1234"])
        let back = try Release(resolving: rollback)
        #expect(RunText.question(back, rollback) == "Roll back 1 service(s) in account 123456789012 (eu-west-1)?")
        #expect(RunText.done(back, .rollback) == "rolled back auth to 0ld0ld0")
        #expect(RunText.done(release, .full) == "deployed abc1234")
    }

    @Test func whatToDoWhenTheNewCodeIsNotServing() {
        #expect(
            RunText.nextStep(.full, varFile: "tfvars/prod.tfvars")
                == "to return to the tags that ran before, run: deploy rollback --var-file tfvars/prod.tfvars")
        #expect(RunText.nextStep(.rollback, varFile: "v").hasPrefix("the rollback did not settle either"))
    }
}
