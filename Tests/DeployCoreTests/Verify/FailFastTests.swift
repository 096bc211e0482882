import Testing

@testable import DeployCore

/// Which stopped tasks count towards `--fail-after`.
@Suite struct FailFastTests {
    static let revision = "arn:aws:ecs:eu-west-1:123456789012:task-definition/prod-auth:8"

    static func task(
        _ stopCode: String?, _ reason: String?, _ containers: [StoppedTask.Container], revision: String = revision,
        at second: Int = 0
    ) -> StoppedTask {
        StoppedTask(
            id: "t\(second)", taskDefinition: revision, stoppedAt: "2026-11-29T10:42:\(10 + second)Z",
            stopCode: stopCode,
            stoppedReason: reason, containers: containers)
    }

    @Test func whatCountsAsAFailedTask() {
        let cases: [(StoppedTask, Bool, String)] = [
            (
                Self.task(
                    "EssentialContainerExited", "Essential container in task exited",
                    [.init(name: "app", exitCode: 1)]),
                true, "an essential container exited non-zero"
            ),
            (Self.task("EssentialContainerExited", nil, [.init(name: "app", exitCode: 0)]), false, "it exited 0"),
            (
                Self.task("TaskFailedToStart", "CannotPullContainerError: manifest unknown", [.init(name: "app")]),
                true, "the image could not be pulled"
            ),
            (
                Self.task(
                    nil, nil, [.init(name: "app", reason: "ResourceInitializationError: unable to pull secrets")]),
                true, "a secret could not be read"
            ),
            (
                Self.task(
                    "EssentialContainerExited", nil,
                    [.init(name: "app", exitCode: 0), .init(name: "xray", exitCode: 2)]),
                false, "only a non-essential container failed"
            ),
            (
                Self.task(
                    "ServiceSchedulerInitiated", "Scaling activity initiated by deployment",
                    [.init(name: "app", exitCode: 143)]),
                false, "ECS stopped it for the rollout"
            ),
            (
                Self.task(
                    "ServiceSchedulerInitiated", "Task failed ELB health checks in (target-group x)",
                    [.init(name: "app", exitCode: 143)]),
                true, "it failed its health checks"
            ),
        ]
        for (task, counts, why) in cases {
            #expect(FailFast.failed(task, nonEssential: ["xray"]) == counts, "\(why)")
        }
    }

    @Test func onlyTheNewRevisionsFailuresMostRecentFirst() {
        let crash = [StoppedTask.Container(name: "app", exitCode: 1)]
        let tasks = [
            Self.task("EssentialContainerExited", nil, crash, at: 1),
            Self.task("EssentialContainerExited", nil, crash, revision: "old:7", at: 5),
            Self.task("EssentialContainerExited", nil, crash, at: 3),
        ]
        let failures = FailFast.failures(tasks, revision: Self.revision, nonEssential: [])
        #expect(failures.map(\.id) == ["t3", "t1"])
        #expect(FailFast.why(failures[0]) == "app exited with 1")
        #expect(
            FailFast.why(Self.task("TaskFailedToStart", "CannotPullContainerError: x", [.init(name: "app")]))
                == "TaskFailedToStart: CannotPullContainerError: x")
    }
}
