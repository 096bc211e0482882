import Foundation
import Testing

@testable import DeployCore

/// How one `describe-services` answer is judged: the new deployment is the one running the applied image.
@Suite struct RolloutJudgeTests {
    static let new = "arn:aws:ecs:eu-west-1:123456789012:task-definition/prod-auth:8"
    static let old = "arn:aws:ecs:eu-west-1:123456789012:task-definition/prod-auth:7"

    static func deployment(
        _ status: String, _ arn: String, _ state: String?, running: Int, desired: Int = 2,
        reason: String? = nil
    ) -> ECSDeployment {
        .init(
            id: "ecs-svc/\(arn.suffix(1))", status: status, taskDefinition: arn, rolloutState: state, reason: reason,
            running: running, desired: desired)
    }

    static func judge(_ deployments: [ECSDeployment], serviceRuns taskDefinition: String = new)
        -> RolloutProgress
    {
        RolloutJudge.judge(
            ECSService(name: "prod-auth", taskDefinition: taskDefinition, deployments: deployments),
            runsImage: { $0 == new })
    }

    /// moto without the sandbox's rollout layer answers so: the service names the new revision, its deployments
    /// only the first one. Not called a rollback of the new image.
    @Test func aServiceNamingTheNewRevisionWithoutItsDeploymentIsSaidToNotAddUp() {
        guard case .failed(let why) = Self.judge([Self.deployment("PRIMARY", Self.old, "COMPLETED", running: 2)]) else {
            Issue.record("not failed")
            return
        }
        #expect(why.hasPrefix("ECS's answer does not add up: it names prod-auth:8, which runs the new image"))
        #expect(!why.contains("no deployment runs the new image"))
    }

    @Test func completedAndAloneIsSteady() {
        #expect(Self.judge([Self.deployment("PRIMARY", Self.new, "COMPLETED", running: 2)]) == .steady)
    }

    @Test func withoutARolloutStateAllTasksRunningAndAloneIsSteady() {
        #expect(Self.judge([Self.deployment("PRIMARY", Self.new, nil, running: 2)]) == .steady)
        #expect(
            Self.judge([Self.deployment("PRIMARY", Self.new, nil, running: 1)]) == .rolling("1/2 tasks of prod-auth:8"))
    }

    @Test func anOldDeploymentStillRunningMeansRolling() {
        let progress = Self.judge([
            Self.deployment("PRIMARY", Self.new, "IN_PROGRESS", running: 1),
            Self.deployment("ACTIVE", Self.old, "COMPLETED", running: 1),
        ])
        #expect(progress == .rolling("1/2 tasks of prod-auth:8, old deployment(s) still running 1 task(s)"))
    }

    @Test func aFailedNewDeploymentIsAFailure() {
        let progress = Self.judge([
            Self.deployment("PRIMARY", Self.new, "FAILED", running: 0, reason: "tasks failed to start."),
            Self.deployment("ACTIVE", Self.old, "COMPLETED", running: 2),
        ])
        #expect(progress == .failed("the new deployment FAILED: tasks failed to start."))
    }

    @Test func aCircuitBreakerRollbackIsAFailureEvenWhileItSucceeds() {
        let progress = Self.judge(
            [
                Self.deployment("PRIMARY", Self.old, "IN_PROGRESS", running: 2),
                Self.deployment("ACTIVE", Self.new, "FAILED", running: 0, reason: "tasks failed to start."),
            ],
            serviceRuns: Self.old)
        #expect(
            progress
                == .failed(
                    "rolled back: ECS made prod-auth:7 primary again; the new deployment FAILED: tasks failed to start."
                ))
    }

    @Test func noDeploymentOfTheNewImageIsAFailureOnceECSHasSettled() {
        let service = ECSService(
            name: "prod-auth", taskDefinition: Self.old,
            deployments: [Self.deployment("PRIMARY", Self.old, "COMPLETED", running: 2)])
        #expect(
            RolloutJudge.judge(service, runsImage: { $0 == Self.new }, settling: true)
                == .rolling("waiting for ECS to list the new deployment"))
        #expect(
            RolloutJudge.judge(service, runsImage: { $0 == Self.new })
                == .failed(
                    "no deployment runs the new image: the apply did not point the service at it, or ECS rolled it "
                        + "back; it runs prod-auth:7"
                ))
    }

    @Test func whenTheOldRevisionRunsTheSameImageTheNewestRevisionDecides() {
        let sameImage: (String) -> Bool? = { _ in true }
        let rolledBack = ECSService(
            name: "prod-auth", taskDefinition: Self.old,
            deployments: [
                Self.deployment("PRIMARY", Self.old, "IN_PROGRESS", running: 2),
                Self.deployment("ACTIVE", Self.new, "FAILED", running: 0),
            ])
        #expect(
            RolloutJudge.judge(rolledBack, runsImage: sameImage)
                == .failed("rolled back: ECS made prod-auth:7 primary again; the new deployment FAILED"))
        let rolling = ECSService(
            name: "prod-auth", taskDefinition: Self.new,
            deployments: [
                Self.deployment("PRIMARY", Self.new, "IN_PROGRESS", running: 1),
                Self.deployment("ACTIVE", Self.old, "COMPLETED", running: 1),
            ])
        #expect(
            RolloutJudge.judge(rolling, runsImage: sameImage)
                == .rolling("1/2 tasks of prod-auth:8, old deployment(s) still running 1 task(s)"))
    }

    @Test func unknownTaskDefinitionsAreReadFirst() {
        let unknown = RolloutJudge.judge(
            ECSService(
                name: "prod-auth", taskDefinition: Self.new,
                deployments: [Self.deployment("PRIMARY", Self.new, "COMPLETED", running: 2)]), runsImage: { _ in nil })
        #expect(unknown == .rolling("reading its task definitions"))
    }
}
