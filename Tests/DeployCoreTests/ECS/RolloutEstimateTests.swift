import Foundation
import Testing

@testable import DeployCore

/// How long a rollout should take, from the settings that set its pace; what to change to make it quicker; and where
/// the time went, from ECS's events.
@Suite struct RolloutEstimateTests {
    static let defaults = RolloutSettings(targetGroups: [
        RolloutSettings.TargetGroup(arn: "arn:aws:elasticloadbalancing:r:1:targetgroup/api/abc")
    ])
    static let tuned = RolloutSettings(
        healthCheckGracePeriod: 10,
        targetGroups: [
            RolloutSettings.TargetGroup(arn: "tg", interval: 10, healthyThreshold: 2, deregistrationDelay: 30)
        ])

    @Test func awsDefaultsTakeSevenToTenMinutesMostOfItTheDeregistrationDelay() {
        let estimate = RolloutEstimate(Self.defaults)
        #expect(estimate.waves == 1 && estimate.low == 15 + 150 + 300 && estimate.high == 45 + 150 + 30 + 300 + 30)
        #expect(estimate.text == "~7–10 min: 300 s of it is the deregistration delay")
    }

    @Test func tunedSettingsTakeAboutAMinuteOrTwo() {
        let estimate = RolloutEstimate(Self.tuned)
        #expect(estimate.low == 15 + 20 + 30 && estimate.high == 45 + 20 + 10 + 30 + 30)
        #expect(estimate.range == "~1–3 min")
    }

    @Test(arguments: [
        (1, 100, 200, 1), (10, 100, 200, 1), (10, 50, 100, 2), (4, 50, 100, 2), (10, 90, 100, 10), (10, 100, 150, 2),
        (1, 50, 100, 1), (0, 100, 200, 0),
    ])
    func theWavesFollowTheCountAndThePercentages(desired: Int, minimum: Int, maximum: Int, waves: Int) {
        var settings = Self.defaults
        (settings.desiredCount, settings.minimumHealthyPercent, settings.maximumPercent) = (desired, minimum, maximum)
        #expect(RolloutEstimate(settings).waves == waves)
    }

    @Test func aServiceWithoutALoadBalancerIsItsTasksStartAndStop() {
        let estimate = RolloutEstimate(RolloutSettings())
        #expect(estimate.low == 15 && estimate.high == 45 + 30)
        #expect(estimate.text == "~15–75 s: 15 s of it is the tasks' start")
    }

    @Test func theAdviceNamesWhatCostsTheMostWithItsTerraformAttribute() {
        let tips = RolloutAdvice.tips("api", Self.defaults)
        #expect(
            tips.map(\.text) == [
                "api: deregistration delay 300 s → 30 s saves ~4.5 min per deploy: `deregistration_delay = 30` on "
                    + "aws_lb_target_group api",
                "api: health checks 5 × 30 s → 2 × 10 s saves ~2 min per deploy: `health_check { interval = 10, "
                    + "healthy_threshold = 2 }` on aws_lb_target_group api",
            ])
        #expect(RolloutAdvice.tips("auth", Self.tuned).isEmpty)
        var slowStart = Self.tuned
        slowStart.healthCheckGracePeriod = 120
        #expect(RolloutAdvice.tips("auth", slowStart).map(\.setting) == ["health check grace period"])
    }

    @Test func theEventsSayWhereTheTimeWent() {
        let start = Date(timeIntervalSince1970: 1000)
        func at(_ seconds: Double, _ message: String) -> ECSService.Event {
            ECSService.Event(at: start.addingTimeInterval(seconds), message: "(service api) " + message)
        }
        let events = [
            at(70, "has reached a steady state."), at(65, "has stopped 1 running tasks: (task a)."),
            at(62, "deregistered 1 targets in (target-group tg)"), at(32, "has begun draining connections on 1 tasks."),
            at(12, "registered 1 targets in (target-group tg)"), at(2, "has started 1 tasks: (task b)."),
            at(-5, "has reached a steady state."),
        ]
        let phases = RolloutPhases.phases(events, since: start, steadyAt: start.addingTimeInterval(71))
        #expect(phases.map(\.name) == ["launching", "starting", "health checks", "draining", "settling"])
        #expect(phases.map(\.seconds) == [2, 10, 20, 33, 6])
        #expect(RolloutPhases.longest(phases) == RolloutEstimate.Part(name: "draining", seconds: 33))
    }
}
