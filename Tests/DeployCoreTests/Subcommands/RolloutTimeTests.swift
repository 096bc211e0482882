import Foundation
import Testing

@testable import DeployCore

/// Before the question, how long the roll should take and what costs it most; after it, how long it took; and in
/// deploy check, which settings to change to make it quicker.
@Suite struct RolloutTimeTests {
    static let deploy = ["--var-file", "tfvars/prod.tfvars", "--profile", "p", "--yes", "--min-free-gb", "0"]

    @Test func theSummarySaysHowLongTheRollShouldTakeAndTheRecordKeepsIt() async throws {
        let platform = ScriptedPlatform()
        platform.model.withLock { $0.targetGroups = ["auth": (10, 2, 30), "billing": (30, 5, 300)] }
        let run = await platform.run(Self.deploy + ["--skip-spas"])

        #expect(run.error == nil, "\(run.err)")
        #expect(
            run.out.contains(
                "Rollout   ~7–10 min (billing, the slowest of 2: 300 s of it is the deregistration delay)"),
            "\(run.out)")
        #expect(run.out.contains("verify   billing  steady in "))
        #expect(run.out.contains("(expected ~7–10 min)"))
        let record = try #require(platform.history.last)
        #expect(record.services.map { $0.expected?.range } == ["~1–3 min", "~7–10 min"])
        let calls = platform.commands(of: "aws elbv2")
        #expect(calls.filter { $0.contains("describe-target-groups") }.count == 1, "one call for every group")
        #expect(calls.filter { $0.contains("attributes") }.count == 2)
    }

    @Test func afterTheRollTheSummaryNamesThePhaseThatTookLongestWhenItIsWorthNaming() {
        var verification = Verification(service: "billing", rollout: .steady(seconds: 420))
        verification.phases = [.init(name: "health checks", seconds: 95), .init(name: "draining", seconds: 301)]
        #expect(verification.timing == " (most of it draining: 5m01s)")
        verification.phases = [.init(name: "launching", seconds: 0.6)]
        #expect(verification.timing == "", "a rollout of a second has nothing to explain")
    }

    @Test func withoutLoadBalancersTheEstimateIsTheTasksStartAndStop() async {
        let run = await ScriptedPlatform().run(Self.deploy + ["--skip-spas"])
        #expect(run.out.contains("Rollout   ~15–75 s (auth, the slowest of 2: 15 s of it is the tasks' start)"))
    }

    @Test func checkAdvisesTheSettingsThatCostTheMost() {
        let settings = RolloutSettings(
            targetGroups: [
                RolloutSettings.TargetGroup(arn: "arn:aws:elasticloadbalancing:r:1:targetgroup/prod-billing/1")
            ])
        let lines = ReadinessText.table([
            .info("rollout", "billing \(RolloutEstimate(settings).text)"),
            .advice("rollout", RolloutAdvice.tips("billing", settings)[0].text),
        ])
        #expect(lines.contains("info  rollout  billing ~7–10 min: 300 s of it is the deregistration delay"))
        #expect(lines.contains("tip   rollout  billing: deregistration delay 300 s → 30 s saves ~4.5 min per deploy"))
        #expect(lines.hasSuffix("ready to deploy: all 0 checks passed; 1 tip(s) would make the rollouts quicker"))
    }
}
