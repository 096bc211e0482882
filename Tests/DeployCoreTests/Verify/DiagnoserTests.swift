import Foundation
import Testing

@testable import DeployCore

/// A failed rollout's diagnosis, with ECS and CloudWatch Logs played by a scripted runner.
@Suite struct DiagnoserTests {
    static let revision = "arn:aws:ecs:eu-west-1:123456789012:task-definition/prod-auth:8"
    static let applied = Date(timeIntervalSince1970: 1_795_948_900)

    /// `count` stopped tasks of the new revision, one a second after the apply; logs for task `t0` only.
    static func aws(tasks count: Int, logs: Bool = true) -> FakeRunner {
        FakeRunner { action in
            let arguments = action.commands[0].arguments
            func json(_ text: String) -> RunResult { RunResult(status: .exited(0), stdout: Data(text.utf8)) }
            switch (arguments[0], arguments[1]) {
            case ("ecs", "list-tasks"):
                return json(#"{"taskArns": [\#((0..<count).map { #""arn:task/c/t\#($0)""# }.joined(separator: ","))]}"#)
            case ("ecs", "describe-tasks"):
                let ids = arguments.filter { $0.hasPrefix("arn:task/") }.map { $0.dropFirst("arn:task/c/".count) }
                let tasks = ids.map { id in
                    #"{"taskArn": "arn:task/c/\#(id)", "taskDefinitionArn": "\#(revision)", "#
                        + #""stopCode": "EssentialContainerExited", "#
                        + #""stoppedAt": \#(1_795_948_900 + Int(id.dropFirst())!), "#
                        + #""containers": [{"name": "app", "exitCode": 1}]}"#
                }
                return json(#"{"tasks": [\#(tasks.joined(separator: ","))]}"#)
            case ("ecs", "describe-task-definition"):
                return json(
                    #"{"taskDefinition": {"containerDefinitions": [{"name": "app", "#
                        + #""logConfiguration": {"logDriver": "awslogs", "options": {"#
                        + #""awslogs-group": "/ecs/prod-auth", "awslogs-stream-prefix": "ecs"}}}]}}"#
                )
            case ("logs", "get-log-events"):
                let stream = arguments[arguments.firstIndex(of: "--log-stream-name")! + 1]
                guard logs, stream == "ecs/app/t\(count - 1)" else {
                    return RunResult(
                        status: .exited(254),
                        tail: ["An error occurred (ResourceNotFoundException) when calling the GetLogEvents operation"])
                }
                return json(#"{"events": [{"message": "Error: boom"}]}"#)
            default:
                return RunResult(status: .exited(1), tail: ["unexpected"])
            }
        }
    }

    @Test func eventsSinceTheApplyTheLastThreeTasksAndTheirLogs() async throws {
        let runner = Self.aws(tasks: 5)
        let events = [
            ECSService.Event(
                at: Self.applied.addingTimeInterval(3), message: "(service prod-auth) has started 1 tasks"),
            ECSService.Event(at: Self.applied.addingTimeInterval(-600), message: "an earlier deploy's steady state"),
        ]
        let service = ECSService(name: "prod-auth", taskDefinition: Self.revision, deployments: [], events: events)
        let diagnosis = await Diagnoser(runner: runner).diagnose(
            cluster: "c", ecsName: "prod-auth", service: service, revision: Self.revision, since: Self.applied)

        #expect(diagnosis.events == ["10:41:43 (service prod-auth) has started 1 tasks"])
        #expect(diagnosis.tasks.map(\.id) == ["t4", "t3", "t2"], "at most three, most recent first")
        #expect(diagnosis.tasks[0].containers[0].logs == ["Error: boom"])
        #expect(diagnosis.tasks[1].containers[0].logNote == "no log stream ecs/app/t3 in /ecs/prod-auth")
        #expect(diagnosis.notes.isEmpty)
        let lines = DiagnosisText.lines(diagnosis)
        #expect(lines.contains("task t4 of prod-auth:8 stopped at 10:41:44: EssentialContainerExited"))
        #expect(lines.contains("    | Error: boom"))
        #expect(lines.contains("    no log lines: no log stream ecs/app/t3 in /ecs/prod-auth"))
    }

    @Test func stoppedTasksAreDescribedAHundredAtATime() async throws {
        let runner = Self.aws(tasks: 150)
        let tasks = try await Diagnoser(runner: runner).stoppedTasks(
            cluster: "c", ecsName: "prod-auth", revision: Self.revision)
        #expect(tasks.count == 150)
        let batches = runner.actions.filter { $0.commands[0].arguments.contains("describe-tasks") }.map {
            $0.commands[0].arguments.filter { $0.hasPrefix("arn:task/") }.count
        }
        #expect(batches.sorted() == [50, 100])
    }

    @Test func whatCannotBeReadIsSaidInOneLine() async throws {
        let failing = FakeRunner { _ in
            RunResult(status: .exited(255), tail: ["An error occurred (AccessDeniedException)"])
        }
        let diagnosis = await Diagnoser(runner: failing).diagnose(
            cluster: "c", ecsName: "prod-auth", service: nil, revision: Self.revision, since: Self.applied)
        #expect(
            diagnosis.notes == [
                "could not read the stopped tasks: An error occurred (AccessDeniedException)",
                "could not read prod-auth:8: An error occurred (AccessDeniedException)",
            ])
        let none = await Diagnoser(runner: failing).diagnose(
            cluster: "c", ecsName: "prod-auth", service: nil, revision: nil, since: Self.applied)
        #expect(none.notes == ["no deployment runs the new image, so there are no tasks of it to read"])
        #expect(failing.actions.count == 2, "nothing is read without a new revision")
    }
}
