import Foundation
import Testing

@testable import DeployCore

/// The aws CLI's answers about stopped tasks, task definitions and logs, as a failed rollout's diagnosis reads
/// them (shapes as the CLI prints them).
@Suite struct TaskDocumentsTests {
    static let describeTasks = #"""
        {"tasks": [{"taskArn": "arn:aws:ecs:eu-west-1:123456789012:task/platform-prod/4f1c2b9e",
          "lastStatus": "STOPPED",
          "taskDefinitionArn": "arn:aws:ecs:eu-west-1:123456789012:task-definition/prod-auth:8",
          "stopCode": "TaskFailedToStart",
          "stoppedReason": "CannotPullContainerError: pull image manifest has been retried 1 time(s)",
          "stoppedAt": "2026-11-29T10:42:30.123000+00:00",
          "containers": [{"name": "app", "lastStatus": "STOPPED", "reason": "CannotPullContainerError: not found"},
                         {"name": "sidecar", "lastStatus": "STOPPED", "exitCode": 0}]}],
         "failures": []}
        """#

    @Test func aStoppedTaskWithItsContainers() {
        let tasks = TaskDocuments.tasks(Data(Self.describeTasks.utf8))
        #expect(
            tasks == [
                StoppedTask(
                    id: "4f1c2b9e", taskDefinition: "arn:aws:ecs:eu-west-1:123456789012:task-definition/prod-auth:8",
                    stoppedAt: "2026-11-29T10:42:30Z", stopCode: "TaskFailedToStart",
                    stoppedReason: "CannotPullContainerError: pull image manifest has been retried 1 time(s)",
                    containers: [
                        .init(name: "app", exitCode: nil, reason: "CannotPullContainerError: not found"),
                        .init(name: "sidecar", exitCode: 0, reason: nil),
                    ])
            ])
        #expect(TaskDocuments.taskArns(Data(#"{"taskArns": ["a", "b"]}"#.utf8)) == ["a", "b"])
        #expect(TaskDocuments.tasks(Data("not json".utf8)).isEmpty)
    }

    @Test func theTaskDefinitionSaysWhichContainersAreEssentialAndWhereTheyLog() throws {
        let answer = #"""
            {"taskDefinition": {"containerDefinitions": [
              {"name": "app", "image": "x", "logConfiguration": {"logDriver": "awslogs",
                "options": {"awslogs-group": "/ecs/prod-auth", "awslogs-region": "eu-west-1",
                            "awslogs-stream-prefix": "ecs"}}},
              {"name": "xray", "image": "y", "essential": false, "logConfiguration": {"logDriver": "json-file"}}]}}
            """#
        let details = try #require(TaskDocuments.details(Data(answer.utf8)))
        #expect(
            details.container("app")?.logs == .init(group: "/ecs/prod-auth", streamPrefix: "ecs", region: "eu-west-1"))
        #expect(details.container("app")?.essential == true, "essential unless it says otherwise")
        #expect(details.container("xray")?.logs == nil)
        #expect(details.nonEssentialNames == ["xray"])
    }

    @Test func logEventsOldestFirstWithoutTheirNewlines() {
        let answer =
            #"{"events": [{"timestamp": 1, "message": "booting\n"}, {"timestamp": 2, "message": "Error: boom"}]}"#
        #expect(TaskDocuments.logLines(Data(answer.utf8)) == ["booting", "Error: boom"])
    }

    @Test func describeServicesCarriesTheEventsAndTheFailedTaskCount() throws {
        let answer = #"""
            {"services": [{"serviceName": "prod-auth", "status": "ACTIVE", "taskDefinition": "td:8",
              "deployments": [{"id": "d1", "status": "PRIMARY", "taskDefinition": "td:8", "rolloutState": "IN_PROGRESS",
                               "runningCount": 0, "desiredCount": 2, "failedTasks": 2}],
              "events": [{"id": "e2", "createdAt": "2026-11-29T10:42:31.500000+00:00", "message": "second"},
                         {"id": "e1", "createdAt": 1795948930.0, "message": "first"}]}]}
            """#
        let service = try #require(try ECSDocuments.services(Data(answer.utf8))["prod-auth"])
        #expect(service.deployments.first?.failedTasks == 2)
        #expect(service.events.map(\.message) == ["second", "first"])
        #expect(service.events.first?.at.map(ECSDocuments.clock) == "10:42:31")
        #expect(service.events.last?.at == Date(timeIntervalSince1970: 1_795_948_930))
    }
}
