import Foundation
import Testing

@testable import DeployCore

/// Before the roll: a service's task (a migration) runs once on its new image, as an ECS task with the service's own
/// task definition and network; nothing rolls unless it exits 0. And every secret the task definitions read exists.
@Suite struct BeforeTaskTests {
    static let deploy = ["--var-file", "tfvars/prod.tfvars", "--profile", "p", "--yes", "--min-free-gb", "0"]
    static let migrate = #"{"tasks": {"auth": {"before": ["node", "dist/migrate.js"], "timeout": "2m"}}}"#

    static func platform(_ config: String = migrate) -> ScriptedPlatform {
        let platform = ScriptedPlatform()
        platform.folder.write("platform/deploy.json", config)
        return platform
    }

    @Test func theTaskRunsOnTheNewImageAfterThePushesAndBeforeTheApplyAndIsCleanedUp() async throws {
        let platform = Self.platform()
        platform.model.withLock {
            $0.secrets["auth"] = ["API_KEY": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:k-Ab12Cd"]
        }
        platform.model.withLock { $0.secretARNs = ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:k-Ab12Cd"] }
        let run = await platform.run(Self.deploy + ["--jobs", "1"])

        #expect(run.error == nil, "\(run.err)")
        #expect(run.out.contains("Tasks     auth: runs `node dist/migrate.js` on abc1234 before the roll (at most 2m)"))
        let commands = platform.commands
        let task = try #require(commands.firstIndex { $0.hasPrefix("aws ecs run-task") })
        #expect(commands[..<task].contains { $0.hasPrefix("docker push \(ScriptedPlatform.registry)/auth:abc1234") })
        #expect(commands[..<task].contains { $0.hasPrefix("docker push \(ScriptedPlatform.registry)/billing:") })
        #expect(commands[task...].contains { $0.contains(" apply ") }, "the apply comes after the task")
        #expect(
            commands[task].contains(#"{"containerOverrides":[{"command":["node","dist/migrate.js"],"name":"app"}]}"#))
        let registered = try #require(platform.model.withLock(\.registered).first)
        #expect(registered.contains(#""family":"prod-auth-deploy-task""#))
        #expect(registered.contains(#""image":"\#(ScriptedPlatform.registry)/auth:abc1234""#))
        #expect(registered.contains(#""valueFrom":"arn:aws:secretsmanager"#), "the service's secrets go with it")
        #expect(
            platform.model.withLock(\.deregistered) == [
                "arn:aws:ecs:eu-west-1:123456789012:task-definition/prod-auth-deploy-task:1"
            ])
        #expect(
            run.err.contains(
                "[task auth] task oneoff-auth stopped (EssentialContainerExited: scripted): app exited with 0"))
        #expect(platform.history.last?.steps.contains { $0.step == "task auth" && $0.result == .ok } == true)
        #expect(platform.live["auth"] == ScriptedPlatform.head)
    }

    @Test func aTaskThatFailsStopsTheDeployBeforeTheApplyWithItsLogTail() async {
        let platform = Self.platform()
        platform.model.withLock { $0.taskExits["auth"] = 3 }
        let run = await platform.run(Self.deploy)

        #expect(run.code == 1)
        #expect(
            run.err.contains(
                "the task before auth's roll exited with 3, so nothing was rolled and terraform was not applied"))
        #expect(run.err.contains("  | database unreachable, exiting with 1"), "its last log lines")
        #expect(!platform.commands.contains { $0.contains(" apply ") })
        #expect(platform.live["auth"] == ScriptedPlatform.parent)
        #expect(platform.model.withLock(\.deregistered).count == 1, "deregistered however it ended")
        #expect(platform.history.last?.result == .failed)
    }

    @Test func aTaskPastItsTimeoutIsStoppedAndTheDeployFails() async {
        let platform = Self.platform(#"{"tasks": {"auth": {"before": ["node", "dist/migrate.js"], "timeout": "1s"}}}"#)
        platform.model.withLock { $0.taskExits["auth"] = .some(nil) }
        let run = await platform.run(Self.deploy)

        #expect(run.code == 1)
        #expect(run.err.contains("the task before auth's roll ran past its timeout and was stopped"), "\(run.err)")
        #expect(
            platform.commands.contains { $0.hasPrefix("aws ecs stop-task") && $0.contains("past its timeout of 1s") })
        #expect(!platform.commands.contains { $0.contains(" apply ") })
    }

    @Test func ctrlCDuringTheTaskStopsItAndRollsNothing() async {
        let platform = Self.platform()
        platform.model.withLock {
            $0.taskExits["auth"] = .some(nil)
            $0.interruptOn = "oneoff-auth"
        }
        let run = await platform.run(Self.deploy)

        #expect(run.code == 130, "\(run.err)")
        #expect(
            platform.commands.contains { $0.hasPrefix("aws ecs stop-task") && $0.contains("interrupted by SIGINT") })
        #expect(platform.model.withLock(\.deregistered).count == 1)
        #expect(!platform.commands.contains { $0.contains(" apply ") })
        #expect(platform.history.last?.result == .interrupted)
    }

    @Test func aServiceOutsideTheDeployRunsNoTaskAndNeitherDoesARollbackOrAnImageOnlyPush() async {
        let platform = Self.platform()
        #expect(await platform.run(Self.deploy + ["--services", "billing"]).error == nil)
        #expect(
            await platform.run(["--skip-tf", "--services", "auth", "--profile", "p", "--yes", "--min-free-gb", "0"])
                .error == nil)
        #expect(!platform.commands.contains { $0.hasPrefix("aws ecs run-task") })
    }

    @Test func aTaskForAnUnknownServiceOrWithoutACommandIsBadConfiguration() async {
        let unknown = await Self.platform(#"{"tasks": {"auht": {"before": ["x"]}}}"#).run(Self.deploy)
        #expect(
            unknown.err.contains("deploy.json: tasks names 'auht', which is not one of the services: auth, billing"))
        let empty = await Self.platform(#"{"tasks": {"auth": {"before": []}}}"#).run(Self.deploy)
        #expect(empty.err.contains("tasks 'auth' needs 'before': the command as a list of words"))
        let timeout = await Self.platform(#"{"tasks": {"auth": {"before": ["x"], "timeout": "forever"}}}"#).run(
            Self.deploy)
        #expect(timeout.err.contains("tasks 'auth' timeout must be a duration from 1s to 24h"))
        #expect(unknown.code == 2 && empty.code == 2 && timeout.code == 2)
    }

    @Test func everyMissingSecretIsNamedAtOnceBeforeAnythingIsBuilt() async {
        let platform = ScriptedPlatform()
        let parameter = "arn:aws:ssm:eu-west-1:123456789012:parameter/platform/prod/database-url"
        let secret = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:platform/prod/api-key-Ab12Cd:password::"
        platform.model.withLock {
            $0.secrets = ["auth": ["DATABASE_URL": parameter, "API_KEY": secret], "billing": ["STRIPE": "stripe-key"]]
            $0.parameters = ["stripe-key"]
        }
        let run = await platform.run(Self.deploy)

        #expect(run.code == 1)
        #expect(
            run.err.contains(
                "  - auth: DATABASE_URL (container app) reads SSM parameter /platform/prod/database-url, which does not "
                    + "exist in account 123456789012 (eu-west-1): create it, or fix the task definition"), "\(run.err)")
        #expect(
            run.err.contains(
                "  - auth: API_KEY (container app) reads Secrets Manager secret "
                    + "arn:aws:secretsmanager:eu-west-1:123456789012:secret:platform/prod/api-key-Ab12Cd, which does not exist"
            ))
        #expect(!run.err.contains("billing:"), "billing's parameter exists")
        #expect(platform.dockerWork.isEmpty && !platform.commands.contains { $0.contains(" apply ") })
        #expect(
            !platform.commands.contains { $0.contains("get-parameter") || $0.contains("get-secret-value") },
            "never a value")
    }

    @Test(arguments: [
        ("/platform/x", SecretSource.parameter(name: "/platform/x", region: nil, account: nil)),
        ("plain", SecretSource.parameter(name: "plain", region: nil, account: nil)),
        (
            "arn:aws:ssm:eu-west-1:1:parameter/platform/x",
            .parameter(name: "/platform/x", region: "eu-west-1", account: "1")
        ),
        ("arn:aws:ssm:eu-west-1:1:parameter/plain", .parameter(name: "plain", region: "eu-west-1", account: "1")),
        (
            "arn:aws:secretsmanager:us-east-1:2:secret:db-AbCdEf:password:AWSCURRENT:",
            .secret(id: "arn:aws:secretsmanager:us-east-1:2:secret:db-AbCdEf", region: "us-east-1", account: "2")
        ),
    ])
    func aReferenceNamesItsSource(valueFrom: String, source: SecretSource) {
        #expect(SecretSource(valueFrom) == source)
    }

    @Test func thePlansNewTaskDefinitionsBringTheirSecrets() throws {
        let definitions = #"[{"name": "app", "secrets": [{"name": "NEW", "valueFrom": "/platform/prod/new"}]}]"#
        let json = try JSONSerialization.data(withJSONObject: [
            "resource_changes": [
                [
                    "address": "module.service[\"auth\"].aws_ecs_task_definition.this",
                    "type": "aws_ecs_task_definition",
                    "change": ["actions": ["create"], "after": ["container_definitions": definitions]],
                ]
            ]
        ])
        let plan = try TerraformPlan(showJSON: json)
        #expect(
            plan.secrets["module.service[\"auth\"].aws_ecs_task_definition.this"] == [
                SecretReference(container: "app", name: "NEW", valueFrom: "/platform/prod/new")
            ])
    }
}
