import Foundation
import Synchronization
import Testing

@testable import DeployCore

/// The one ECS reader: its documents, its batches, and what it does with a task definition it cannot read.
@Suite struct ECSReaderTests {
    @Test func decodesWhatTheAWSCLIPrints() throws {
        let json = #"""
            {"services": [{"serviceName": "prod-auth", "status": "ACTIVE",
              "taskDefinition": "\#(RolloutJudgeTests.new)",
              "deployments": [{"id": "ecs-svc/1", "status": "PRIMARY", "taskDefinition": "\#(RolloutJudgeTests.new)",
                               "desiredCount": 2, "runningCount": 1, "rolloutState": "IN_PROGRESS",
                               "rolloutStateReason": "ECS deployment in progress."}]},
              {"serviceName": "prod-gone", "status": "INACTIVE", "taskDefinition": "x", "deployments": []}]}
            """#
        let services = try ECSDocuments.services(Data(json.utf8))
        #expect(Array(services.keys) == ["prod-auth"])
        #expect(
            services["prod-auth"]?.deployments
                == [
                    RolloutJudgeTests.deployment(
                        "PRIMARY", RolloutJudgeTests.new, "IN_PROGRESS", running: 1,
                        reason: "ECS deployment in progress.")
                ]
                .map {
                    var d = $0
                    d.id = "ecs-svc/1"
                    return d
                })
    }

    static let images = "123456789012.dkr.ecr.eu-west-1.amazonaws.com"

    /// ECS as a script: every service runs `<name>:1`, but `gone-*` do not exist; describing `broken:*` fails.
    static func ecs() -> FakeRunner {
        FakeRunner { action in
            let arguments = action.commands[0].arguments
            if let at = arguments.firstIndex(of: "--task-definition") {
                let arn = arguments[at + 1]
                guard !arn.hasPrefix("broken") else {
                    return RunResult(status: .exited(255), tail: ["AccessDeniedException"])
                }
                let image = "\(images)/\(arn.split(separator: ":")[0]):abc1234"
                return RunResult(
                    status: .exited(0),
                    stdout: Data(#"{"taskDefinition": {"containerDefinitions": [{"image": "\#(image)"}]}}"#.utf8))
            }
            let names = arguments[(arguments.firstIndex(of: "--services")! + 1)...].prefix { !$0.hasPrefix("--") }
            let services = names.filter { !$0.hasPrefix("gone") }.map {
                #"{"serviceName": "\#($0)", "status": "ACTIVE", "taskDefinition": "\#($0):1", "deployments": []}"#
            }
            return RunResult(
                status: .exited(0), stdout: Data(#"{"services": [\#(services.joined(separator: ","))]}"#.utf8))
        }
    }

    @Test func tenServicesPerCallAndEachTaskDefinitionDescribedOnce() async throws {
        let runner = Self.ecs()
        let reader = ECSReader(runner: runner, cache: TaskDefinitionCache(file: nil))
        let names = (1...23).map { "svc-\($0)" }
        let services = try await reader.services(names, cluster: "c")
        #expect(services.count == 23)
        #expect(runner.actions.count == 3, "23 services need three describe-services")
        #expect(await reader.learn(Set(services.values.map(\.taskDefinition))).isEmpty)
        #expect(await reader.learn(["svc-1:1"]).isEmpty)
        #expect(runner.actions.count == 3 + 23, "a task definition already known is not described again")
    }

    @Test func theLiveReadNamesWhatItCouldNotReadAndTheFailureIsTheCallersToJudge() async throws {
        let reader = ECSReader(runner: Self.ecs(), cache: TaskDefinitionCache(file: nil))
        let live = try await reader.live(
            cluster: "c", ecsNames: ["auth": "auth", "billing": "broken", "gone": "gone-x"],
            repositories: ["auth": "\(Self.images)/auth", "billing": "\(Self.images)/broken"])
        #expect(live["auth"] == .tagged("abc1234"))
        #expect(live["billing"] == .taskDefinitionMissing("broken:1"))
        #expect(live["gone"] == .serviceMissing)
        let failures = await reader.learn(["broken:2"])
        #expect(failures["broken:2"]?.output == ["AccessDeniedException"])
    }
}
