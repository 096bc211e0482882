import Foundation
import Testing

@testable import DeployCore

/// What "serving" means for a release: resolved from the plan, terraform's outputs and the var-file.
@Suite struct ExpectationsTests {
    static func release(
        _ arguments: [String], docs: Bool = false, config: PlatformConfig = PlatformConfig(),
        facts: EnvironmentFacts = ReleaseStepsTests.facts()
    ) throws -> Release {
        let options = try Request.deployOptions(arguments)
        var deployment = try Deployment.testing(
            options.release, config: config, facts: facts, varFile: options.target.varFile.map { "/repo/\($0)" })
        deployment.exposesDocs = docs
        return try Release(resolving: deployment)
    }

    static let deploy = ["--var-file", "prod.tfvars", "--profile", "p", "-y"]

    @Test func everyRolledServiceIsWatchedForItsImageAndItsHealthURL() throws {
        let checks = try #require(try Self.release(Self.deploy).expectations)
        #expect(checks.cluster == "platform-prod")
        #expect(checks.timeout == 900)
        #expect(checks.rollouts.map(\.ecsName) == ["prod-auth", "prod-billing"])
        #expect(checks.rollouts[0].image == "\(ReleaseStepsTests.registry)/auth:abc1234")
        #expect(checks.rollouts[0].urls == ["https://api.example.com/v1/auth/health"])
        #expect(checks.steps.map(\.label) == ["rollout auth", "rollout billing", "health auth", "health billing"])
        #expect(checks.healthStep(rollout: 1, url: 0) == 3)
    }

    @Test func docsAreCheckedWhenTheVarFileExposesThemAndHealthPathsOverrideThePrefix() throws {
        var config = PlatformConfig()
        config.healthPaths = ["billing": "/v2/payments"]
        let checks = try #require(
            try Self.release(Self.deploy + ["--services", "billing"], docs: true, config: config).expectations)
        #expect(
            checks.rollouts.map(\.urls) == [
                ["https://api.example.com/v2/payments/health", "https://api.example.com/v2/payments/docs"]
            ])
        let steps = checks.steps
        #expect(
            steps[checks.healthStep(rollout: 0, url: 1)].action
                == .run(Curl.status("https://api.example.com/v2/payments/docs")))
    }

    @Test func nothingIsVerifiedWithNoVerifyOrWithoutAnApply() throws {
        #expect(try Self.release(Self.deploy + ["--no-verify"]).expectations == nil)
        #expect(try Self.release(["--skip-tf", "--services", "auth"]).expectations == nil)
    }

    @Test func withoutAnAPIBaseURLOnlyTheRolloutIsWatched() throws {
        var facts = ReleaseStepsTests.facts()
        facts.apiBaseURL = nil
        let checks = try #require(try Self.release(Self.deploy + ["--wait-timeout", "2m"], facts: facts).expectations)
        #expect(!checks.checksHealth && checks.rollouts.allSatisfy(\.urls.isEmpty) && checks.timeout == 120)
    }

    @Test func aMissingClusterOutputIsNamed() {
        var facts = ReleaseStepsTests.facts()
        facts.clusterName = nil
        #expect(
            throws: DeployError.configuration(
                "terraform output 'ecs_cluster_name' is missing: deploy watches the rollout in that cluster; add the "
                    + "output, or pass --no-verify"
            )
        ) {
            try Self.release(Self.deploy, facts: facts)
        }
    }

    @Test func theHealthRequestIsOneCurlArgv() {
        #expect(
            Curl.status("https://api.example.com/v1/auth/health").arguments == [
                "--silent", "--show-error", "--location", "--proto", "=http,https", "--max-time", "10",
                "--output", "/dev/null", "--write-out", "%{http_code}", "https://api.example.com/v1/auth/health",
            ])
    }

    @Test func theVarFileSaysWhetherDocsAreExposed() {
        #expect(VarFileFacts.exposesAPIDocs("environment = \"dev\"\nexpose_api_docs = true\n"))
        #expect(VarFileFacts.exposesAPIDocs("expose_api_docs=true # swagger"))
        #expect(!VarFileFacts.exposesAPIDocs("# expose_api_docs = true\nexpose_api_docs = false\n"))
    }

    @Test(arguments: [("90s", 90.0), ("15m", 900.0), ("1h", 3600.0), ("45", 45.0)])
    func waitTimesReadAsOperatorsTypeThem(text: String, seconds: Double) {
        #expect(WaitTime.seconds(text) == seconds)
    }

    @Test func badWaitTimesAreUsageErrors() {
        for text in ["", "0s", "-5m", "15 m", "2d", "25h", "1.5m"] { #expect(WaitTime.seconds(text) == nil, "\(text)") }
        #expect(throws: DeployError.usage("--wait-timeout soon: give a time such as 90s, 15m or 1h")) {
            try Request.parse(["--var-file", "x.tfvars", "--wait-timeout", "soon"], environment: [:])
        }
    }
}
