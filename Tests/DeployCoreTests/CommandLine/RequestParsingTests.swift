import Testing

@testable import DeployCore

@Suite struct RequestParsingTests {
    func plan(_ arguments: [String], environment: [String: String] = [:]) throws -> DeployOptions {
        try Request.deployOptions(arguments, environment: environment)
    }

    @Test func fullDeployFromTheRunbook() throws {
        let plan = try plan(["--var-file", "tfvars/sandbox.tfvars", "--profile", "sandbox", "-y"])
        #expect(plan.release.mode == .full)
        #expect(plan.target.varFile == "tfvars/sandbox.tfvars")
        #expect(plan.target.profile == "sandbox")
        #expect(plan.settings.assumeYes)
        #expect(plan.release.services == nil)
        #expect(!plan.release.rollsSubset)
    }

    @Test func imageOnlyPushOfTwoServices() throws {
        let plan = try plan(["--skip-tf", "--services", "auth, billing,auth"])
        #expect(plan.release.skipTerraform)
        #expect(plan.release.services == ["auth", "billing"])
        #expect(plan.target.varFile == nil)
    }

    @Test func yesTakesTheProfileFromTheEnvironment() throws {
        #expect(try plan(["--skip-tf", "-y"], environment: ["AWS_PROFILE": "prod"]).target.profile == "prod")
        #expect(try plan(["--skip-tf"], environment: ["AWS_PROFILE": "prod"]).target.profile == nil)
    }

    @Test func helpAndVersion() throws {
        #expect(try Request.invocation(["--help"]) == .help(.deploy))
        #expect(try Request.invocation(["--skip-tf", "-h"]) == .help(.deploy))
        #expect(throws: DeployError.self) { try Request.parse(["-h", "--bogus"], environment: [:]) }
        #expect(try Request.invocation(["--version"]) == .version)
    }

    @Test(arguments: [
        (
            ["--changed", "--services", "auth", "--var-file", "x"],
            "--changed cannot be combined with --services: --changed picks the services itself"
        ),
        (["--changed", "--skip-tf"], "--changed cannot be combined with --skip-tf: --changed rolls what it builds"),
        (["--profile", "p"], "--var-file is required unless --skip-tf: for example --var-file tfvars/sandbox.tfvars"),
        (["--skip-tf", "-y"], "--yes needs an AWS profile: pass --profile <name> or set AWS_PROFILE"),
        (
            ["--skip-tf", "--services", "auth,,billing"],
            "--services has an empty name in 'auth,,billing': give a comma-separated list such as --services "
                + "auth,billing"
        ),
        (
            ["--skip-tf", "--services", "Auth"],
            "'Auth' is not a valid service name: lower-case letters, digits and '-' only"
        ),
        (["--skip-tf", "--services", "-rf"], "--services needs a value: --services <a,b>"),
        (["--skip-tf", "--profile", "-x"], "--profile needs a value: --profile <name>"),
        (["--skip-tf", "--profile=a b"], "'a b' is not a valid AWS profile name"),
        (
            ["--skip-tf", "extra"],
            "unknown command 'extra'; the commands are status, history, rollback, promote, unlock, check, prune, "
                + "completions, help"
        ),
        (
            ["--var-file", "x", "--fail-after", "-1"],
            "--fail-after takes a whole number of failed tasks, such as 3 (0: wait for ECS)"
        ),
        (
            ["--var-file", "x", "--rollback-on-failure", "--no-verify"],
            "--rollback-on-failure acts on a failed verification, which --skip-tf and --no-verify leave out: drop "
                + "one or the other"
        ),
        (
            ["history", "--show", "0"],
            "--show takes the position of a deploy in deploy history, 1 for the last: --show 1"
        ),
        (["--var-file", "x", "--show", "1"], "--show is only used by deploy history; see deploy history --help"),
        (
            ["rollback", "--var-file", "x", "--rollback-on-failure"],
            "--rollback-on-failure is not used by deploy rollback; see deploy rollback --help"
        ),
    ])
    func badInput(arguments: [String], message: String) {
        #expect(throws: DeployError.usage(message)) { try Request.parse(arguments, environment: [:]) }
        #expect(DeployError.usage(message).exitCode == 2)
    }

    @Test func failingFastAndRollingBackOnFailure() throws {
        let failing = try plan(["--var-file", "x", "--fail-after", "0", "--rollback-on-failure"])
        #expect(failing.release.failAfter == 0 && failing.settings.rollbackOnFailure)
        let defaults = try plan(["--var-file", "x"])
        #expect(defaults.release.failAfter == 3 && !defaults.settings.rollbackOnFailure)
        guard case .history(let history) = try Request.invocation(["history", "--show", "2"]) else {
            Issue.record("expected history")
            return
        }
        #expect(history.show == 2)
    }

    @Test func statusTakesOnlyReadingFlags() throws {
        let request = try Request.parse(
            ["status", "--output", "json", "-C", "repo"], environment: ["AWS_PROFILE": "prod"])
        guard case .status(let status) = request.invocation else {
            Issue.record("expected status")
            return
        }
        #expect(request.json && status.target.profile == "prod" && request.directory == "repo")
        #expect(throws: DeployError.usage("--yes is not used by deploy status; see deploy status --help")) {
            try Request.parse(["status", "--yes"], environment: [:])
        }
        #expect(throws: DeployError.usage("--output yaml: use text or json")) {
            try Request.parse(["status", "--output", "yaml"], environment: [:])
        }
        #expect(
            throws: DeployError.usage(
                "--skip-tf rolls nothing, so nothing can be rolled back or redeployed: drop --allow-rollback and "
                    + "--allow-redeploy")
        ) {
            try Request.parse(["--skip-tf", "--allow-rollback"], environment: [:])
        }
        #expect(throws: Never.self) { try Request.parse(["--var-file", "v", "--allow-rollback"], environment: [:]) }
    }
}
