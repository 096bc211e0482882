import Foundation
import Testing

@testable import DeployCore

/// The one entry point: every exit with `--output json` writes exactly one document, and a dry run lists every
/// command in order and changes nothing.
@Suite struct DeployMainTests {
    static let nine = [
        "auth", "billing", "clinical-api", "documents", "integrations", "notifications", "patient-api", "reporting",
        "scheduling",
    ]

    static func document(_ run: ScriptedPlatform.Run) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(run.out.utf8))) as? [String: Any]
    }

    @Test func withOutputJSONEveryExitWritesOneDocument() async {
        let platform = ScriptedPlatform()
        for arguments in [["--skip-tf", "--jobs", "0"], ["--yess"], ["--skip-tf", "-y"]] {
            let run = await platform.run(arguments + ["--output", "json"], environment: ["AWS_PROFILE": nil])
            let json = Self.document(run)
            #expect(
                run.code == 2 && json?["result"] as? String == "refused" && json?["exitCode"] as? Int == 2,
                "\(arguments)")
        }
        let status = await platform.run(["status", "--var-file", "tfvars/staging.tfvars", "--output", "json"])
        #expect(status.code == 2 && Self.document(status)?["result"] as? String == "refused")
        let prune = await platform.run(["prune", "-y", "--output", "json"])
        #expect(prune.code == 0 && Self.document(prune)?["result"] as? String == "pruned")
        let refused = await platform.run([
            "--var-file", "tfvars/staging.tfvars", "--profile", "p", "--yes", "--output", "json",
        ])
        let stopped = Self.document(refused)
        #expect(refused.code == 2 && stopped?["result"] as? String == "refused" && stopped?["exitCode"] as? Int == 2)
        #expect((stopped?["error"] as? String)?.hasPrefix("var-file 'tfvars/staging.tfvars' not found") == true)
    }

    @Test func aDryRunPrintsTheOrderedCommandsAndChangesNothing() async throws {
        let platform = ScriptedPlatform(services: Self.nine)
        let run = await platform.run(["--var-file", "tfvars/prod.tfvars", "--dry-run", "--profile", "p"])

        #expect(run.error == nil, "\(run.err)")
        let parts = run.out.components(
            separatedBy: "\nThen, until every service is steady (at most 15m), and once each is:\n")
        #expect(parts.count == 2, "the checks after the apply are listed after it")
        let commands = parts[0].split(separator: "\n").filter { $0.first?.isNumber == true }
        let expected = 1 + 1 + 9 + 1 + 9 + 2 + 2 + 2 + 2 + 1
        #expect(commands.count == expected, "the plan, the steps (no check of a pushed image), the apply")
        #expect(
            commands.first?.contains("[plan] terraform -chdir=infra/terraform/aws plan -input=false -detailed-exitcode")
                == true)
        let checks = parts.last?.split(separator: "\n") ?? []
        let watched = 1 + 9 * 2
        #expect(checks.count == watched, "one rollout watch call for up to ten services, then the health and docs URLs")
        let firstCheck =
            "1. [rollout] aws ecs describe-services --cluster platform-prod --services "
            + Self.nine.map { "prod-\($0)" }.joined(separator: " ") + " --output json"
        #expect(checks.first.map(String.init) == firstCheck)
        #expect(checks.last?.hasSuffix("/v1/scheduling/docs") == true)
        #expect(
            commands.dropFirst().first?.contains(
                "[build deps] docker build -f infra/docker/service.Dockerfile --target deps")
                == true)
        #expect(commands.first?.contains("-var image_tag=abc1234") == true, "the plan carries the variables")
        #expect(commands.last?.contains("[apply] terraform -chdir=infra/terraform/aws apply -input=false ") == true)
        #expect(commands.last?.hasSuffix(".tfplan") == true, "the apply applies the plan, nothing else")
        #expect(
            run.out.contains(
                "aws ecr get-login-password --region eu-west-1 | docker login --username AWS --password-stdin "
                    + ScriptedPlatform.registry))
        #expect(platform.dockerWork.isEmpty && platform.commands(of: "pnpm").isEmpty)
        #expect(
            !platform.commands.contains {
                $0.contains(" apply ") || $0.hasPrefix("aws s3 ") || $0.hasPrefix("aws cloudfront")
            })

        let json = await platform.run([
            "--var-file", "tfvars/prod.tfvars", "--dry-run", "--profile", "p", "--output", "json",
        ])
        let document = try #require(Self.document(json))
        #expect(document["result"] as? String == "dry run")
        #expect((document["planned"] as? [String])?.count == commands.count + checks.count)
    }
}
