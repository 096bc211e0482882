import Foundation
import Testing

/// What must change nothing: a dry run, a declined confirmation, and bad input.
extension EndToEnd.Second {
    @Suite struct SafeByDefaultTests {
        @Test func dryRunPrintsTheOrderedCommandsAndChangesNothing() throws {
            let sandbox = try Sandbox()
            let sha = sandbox.head
            let serial = sandbox.terraformSerial

            let run = sandbox.deploy(["--var-file", "tfvars/sandbox.tfvars", "--dry-run", "--profile", "sandbox"])

            #expect(run.status == 0, "\(run.stderr)")
            let parts = run.stdout.components(
                separatedBy: "\nThen, until every service is steady (at most 15m), and once each is:\n")
            #expect(parts.count == 2, "the checks after the apply are listed after it")
            let commands = parts[0].split(separator: "\n").filter { $0.first?.isNumber == true }
            #expect(
                commands.count == 1 + 1 + 9 + 1 + 9 + 2 + 2 + 2 + 2 + 1,
                "the plan, the steps (no check of a pushed image), the apply")
            #expect(
                commands.first?.contains(
                    "[plan] terraform -chdir=infra/terraform/aws plan -input=false -detailed-exitcode") == true)
            let checks = parts.last?.split(separator: "\n") ?? []
            #expect(
                checks.count == 1 + 9 * 2,
                "one rollout watch call for up to ten services, then the health and docs URLs")
            let firstCheck =
                "1. [rollout] aws ecs describe-services --cluster platform-sandbox --services sandbox-auth "
                + "sandbox-billing sandbox-clinical-api sandbox-documents sandbox-integrations sandbox-notifications "
                + "sandbox-patient-api sandbox-reporting sandbox-scheduling --output json"
            #expect(checks.first.map(String.init) == firstCheck)
            #expect(checks.last?.hasSuffix("/v1/scheduling/docs") == true)
            #expect(
                commands.dropFirst().first?.contains(
                    "[build deps] docker build -f infra/docker/service.Dockerfile --target deps")
                    == true)
            #expect(commands.first?.contains("-var image_tag=\(sha)") == true, "the plan carries the variables")
            #expect(commands.last?.contains("[apply] terraform -chdir=infra/terraform/aws apply -input=false ") == true)
            #expect(commands.last?.hasSuffix(".tfplan") == true, "the apply applies the plan, nothing else")
            #expect(
                run.stdout.contains(
                    "aws ecr get-login-password --region us-east-1 | docker login --username AWS --password-stdin "
                        + "123456789012.dkr.ecr.us-east-1.amazonaws.com"
                ))
            #expect(sandbox.calls("docker").isEmpty && sandbox.calls("pnpm").isEmpty)
            #expect(sandbox.terraformSerial == serial)
            #expect(!sandbox.imageTags("auth").contains(sha))
            #expect(sandbox.liveImage("auth").hasSuffix(":seed"))
            #expect(sandbox.bucketKeys("platform-sandbox-admin-ui") == ["stale.html"])
            #expect(sandbox.invalidationCount("admin-ui") == 0 && sandbox.invalidationCount("simulator") == 0)

            let json = sandbox.deploy([
                "--var-file", "tfvars/sandbox.tfvars", "--dry-run", "--profile", "sandbox", "--output", "json",
            ])
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            #expect(document["result"] as? String == "dry run")
            #expect((document["planned"] as? [String])?.count == commands.count + checks.count)

            let refused = sandbox.deploy([
                "--var-file", "tfvars/prod.tfvars", "--profile", "sandbox", "--yes", "--output", "json",
            ])
            let stopped = try #require(
                try JSONSerialization.jsonObject(with: Data(refused.stdout.utf8)) as? [String: Any])
            #expect(refused.status == 2)
            #expect(stopped["result"] as? String == "refused" && stopped["exitCode"] as? Int == 2)
            #expect((stopped["error"] as? String)?.hasPrefix("var-file 'tfvars/prod.tfvars' not found") == true)
        }

        @Test func anythingButYAtTheConfirmationPushesNothing() throws {
            let sandbox = try Sandbox()
            // Typed on a terminal, as an operator does: a pipe is no operator (see HardeningTests).
            for answer in ["n", "yes", ""] {
                let run = sandbox.deployOnTerminal(
                    ["--var-file", "tfvars/sandbox.tfvars", "--profile", "sandbox"],
                    answering: [("Type y to continue", answer)])
                #expect(run.status == 1)
                #expect(run.stdout.contains("Account   123456789012"))
                #expect(run.stderr.contains("Type y to continue"))
                #expect(run.stderr.contains("deploy: error: not confirmed: nothing was built, pushed or applied"))
            }
            #expect(sandbox.calls("docker").isEmpty)
            #expect(!sandbox.imageTags("auth").contains(sandbox.head))
        }

        @Test func theProfileMenuOffersTheProfilesFound() throws {
            let sandbox = try Sandbox()
            let run = sandbox.deployOnTerminal(
                ["--skip-tf", "--skip-spas", "--services", "auth", "--dry-run"], answering: [("Profile: ", "1")],
                environment: ["AWS_PROFILE": nil])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stderr.contains("AWS profiles:\n  1) sandbox"))
            #expect(run.stdout.contains("Profile sandbox"))
        }

        static let badInput: [([String], String)] = [
            (
                ["--var-file", "tfvars/sandbox.tfvars", "--yess"],
                "deploy: error: unknown option '--yess'. Did you mean '--yes'?"
            ),
            (["--var-file"], "deploy: error: --var-file needs a value: --var-file <path>"),
            (
                ["--changed", "--services", "auth", "--var-file", "tfvars/sandbox.tfvars"],
                "deploy: error: --changed cannot be combined with --services: --changed picks the services itself"
            ),
            (
                ["--changed", "--skip-tf"],
                "deploy: error: --changed cannot be combined with --skip-tf: --changed rolls what it builds"
            ),
            (
                ["--profile", "sandbox", "-y"],
                "deploy: error: --var-file is required unless --skip-tf: for example --var-file tfvars/sandbox.tfvars"
            ),
            (
                ["--var-file", "tfvars/prod.tfvars", "--profile", "sandbox", "-y"],
                "deploy: error: var-file 'tfvars/prod.tfvars' not found in"
            ),
            (
                ["--skip-tf", "--services", "auth,biling", "--profile", "sandbox", "-y"],
                "deploy: error: unknown service 'biling' in --services. Did you mean 'billing'?"
            ),
            (
                ["--var-file", "tfvars/sandbox.tfvars", "-y"],
                "deploy: error: --yes needs an AWS profile: pass --profile <name> or set AWS_PROFILE"
            ),
        ]

        @Test func badInputExits2WithOneLineAndRunsNothing() throws {
            let sandbox = try Sandbox()
            let serial = sandbox.terraformSerial
            for (arguments, message) in Self.badInput {
                let run = sandbox.deploy(arguments, environment: ["AWS_PROFILE": nil])
                #expect(run.status == 2, "\(arguments)")
                #expect(run.stderr.hasPrefix(message), "\(run.stderr)")
                #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
                #expect(run.stdout.isEmpty)
            }
            #expect(sandbox.calls("docker").isEmpty && sandbox.calls("pnpm").isEmpty)
            #expect(sandbox.terraformSerial == serial)
        }
    }
}
