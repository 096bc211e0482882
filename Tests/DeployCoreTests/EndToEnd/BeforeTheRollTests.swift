import Foundation
import Testing

/// Before the roll, against the sandbox: a migration runs as an ECS task on the new image with the service's own
/// task definition and network (read back from the emulator), a failing one stops the deploy before terraform, and a
/// secret that does not exist stops it before anything is built.
extension EndToEnd.Second {
    @Suite struct BeforeTheRollTests {
        static let deploy = ["--var-file", "tfvars/sandbox.tfvars", "--skip-spas", "--profile", "sandbox", "--yes"]

        func seeded(_ sandbox: Sandbox) -> [String: Any] {
            let data = (try? Data(contentsOf: sandbox.folder.url.appendingPathComponent("seeded.json"))) ?? Data()
            return ((try? JSONSerialization.jsonObject(with: data)) as? [String: Any]) ?? [:]
        }

        @Test func aFailingMigrationStopsTheDeployBeforeTerraformAndAPassingOneLetsItRoll() throws {
            let sandbox = try Sandbox(services: 2)
            sandbox.commit(
                "deploy.json",
                #"{"targets": ["module.service[\"{service}\"].terraform_data.task_definition", "#
                    + #""module.service[\"{service}\"].terraform_data.service"], "#
                    + #""tasks": {"clinical-api": {"before": ["node", "dist/migrate.js"], "timeout": "2m"}}}"#)
            sandbox.fault("task clinical-api exit 3")
            let (serial, live) = (sandbox.terraformSerial, sandbox.snapshot().live)

            let failed = sandbox.deploy(Self.deploy)

            #expect(failed.status == 1, "\(failed.stderr)")
            #expect(failed.stdout.contains("Tasks     clinical-api: runs `node dist/migrate.js` on \(sandbox.head)"))
            #expect(failed.stderr.contains("the task before clinical-api's roll exited with 3, so nothing was rolled"))
            #expect(failed.stderr.contains(#"  |   | error: relation "patients" does not exist"#), "its log tail")
            #expect(sandbox.terraformSerial == serial && sandbox.snapshot().live == live, "nothing applied")
            // What ran, as the emulator recorded it: the new image, the service's network, the command.
            let listed = sandbox.aws([
                "ecs", "list-tasks", "--cluster", "platform-sandbox", "--started-by", "deploy-\(sandbox.head)",
            ])
            let arns = (listed as? [String: Any])?["taskArns"] as? [String] ?? []
            #expect(arns.count == 1)
            let described = sandbox.aws(["ecs", "describe-tasks", "--cluster", "platform-sandbox", "--tasks"] + arns)
            let task = try #require(((described as? [String: Any])?["tasks"] as? [[String: Any]])?.first)
            let definition = try #require(task["taskDefinitionArn"] as? String)
            #expect(definition.contains(":task-definition/sandbox-clinical-api-deploy-task:"))
            let overrides = (task["overrides"] as? [String: Any])?["containerOverrides"] as? [[String: Any]]
            #expect(overrides?.first?["command"] as? [String] == ["node", "dist/migrate.js"])
            let copied = sandbox.aws(["ecs", "describe-task-definition", "--task-definition", definition])
            let body = try #require((copied as? [String: Any])?["taskDefinition"] as? [String: Any])
            #expect(body["status"] as? String == "INACTIVE", "deregistered once it stopped")
            #expect(
                body["networkMode"] as? String == "awsvpc"
                    && body["taskRoleArn"] as? String == seeded(sandbox)["taskRoleArn"] as? String)
            let app = (body["containerDefinitions"] as? [[String: Any]])?.first
            #expect(app?["image"] as? String == "\(sandbox.repositoryURL("clinical-api")):\(sandbox.head)")
            #expect((app?["secrets"] as? [[String: Any]])?.count == 2, "the service's secrets go with it")
            let network = ((task["attachments"] as? [[String: Any]])?.first?["details"] as? [[String: Any]]) ?? []
            let subnet = network.first { $0["name"] as? String == "subnetId" }?["value"] as? String
            #expect(subnet == (seeded(sandbox)["subnetIds"] as? [String])?.first, "in the service's subnet")

            sandbox.fault()
            let passed = sandbox.deploy(Self.deploy)
            #expect(passed.status == 0, "\(passed.stderr)")
            #expect(passed.stdout.contains("ok") && passed.stdout.contains("task clinical-api"))
            #expect(sandbox.liveImage("clinical-api").hasSuffix(":\(sandbox.head)"))
        }

        @Test func aSecretThatDoesNotExistStopsTheDeployBeforeAnyBuild() throws {
            let sandbox = try Sandbox(services: 2)
            let parameter = try #require(seeded(sandbox)["databaseUrlParameterName"] as? String)
            _ = sandbox.aws(["ssm", "delete-parameter", "--name", parameter])

            let refused = sandbox.deploy(Self.deploy)

            #expect(refused.status == 1)
            for service in sandbox.services {
                #expect(
                    refused.stderr.contains(
                        "  - \(service): DATABASE_URL (container app) reads SSM parameter \(parameter), which does not "
                            + "exist in account 123456789012 (us-east-1)"), "\(refused.stderr)")
            }
            #expect(!refused.stderr.contains("API_KEY"), "the secret that exists is not named")
            #expect(sandbox.dockerWork.isEmpty, "nothing was built")
            let check = sandbox.deploy(["check", "--var-file", "tfvars/sandbox.tfvars", "--profile", "sandbox"])
            #expect(
                check.stdout.contains("FAIL  secrets        auth: DATABASE_URL (container app) reads SSM parameter"))
        }
    }
}
