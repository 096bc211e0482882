import Foundation
import Testing

/// The runbook's deploys, run with the real `deploy` binary against the sandbox: real git, real terraform,
/// the real aws CLI talking to moto_server. Each test reads the outcome back from the emulator and terraform.
extension EndToEnd.First {
    @Suite struct FullDeployTests {
        static let yes = ["--profile", "sandbox", "--yes"]

        @Test func fullDeployRollsEveryServiceAndShipsTheSPAs() throws {
            let sandbox = try Sandbox()
            let sha = sandbox.head
            let slackAgentBefore = sandbox.liveImage("slack-agent")

            let run = sandbox.deploy(["--var-file", "tfvars/sandbox.tfvars"] + Self.yes)

            #expect(run.status == 0, "\(run.stderr)")
            let snapshot = sandbox.snapshot()
            for service in sandbox.services {
                #expect(snapshot.image(service) == "\(sandbox.repositoryURL(service)):\(sha)")
                #expect((snapshot.tags[service] ?? []).contains(sha))
                let digest = snapshot.digests[service]?[sha] ?? "?"
                #expect(
                    run.stdout.split(separator: "\n").contains {
                        $0.hasPrefix("verify   \(service) ") && $0.contains("runs \(digest.prefix(19))")
                    }, "its tasks run the digest its push reported, which ECR holds")
            }
            #expect(sandbox.services.count == 9)
            #expect(sandbox.liveImage("slack-agent") == slackAgentBefore)
            for spa in ["admin-ui", "simulator"] {
                #expect(
                    sandbox.bucketKeys("platform-sandbox-\(spa)") == ["index.html", "assets/app.js", ".deploy-build"])
                #expect(sandbox.invalidationCount(spa) == 1)
            }
            #expect(sandbox.terraformResources.count == 18)
            #expect(
                !sandbox.calls("aws").contains {
                    ($0.starts(with: ["ecs", "list-tasks"]) && $0.contains("STOPPED")) || $0.first == "logs"
                }, "a healthy rollout reads no stopped task and no log")
            #expect(run.stdout.contains("deployed \(sha)"))
            #expect(
                run.stdout.contains(
                    "Rollout   ~15–19 min (billing, the slowest of 9: 600 s of it is the deregistration delay (2 waves))"
                ),
                "billing's 4 tasks, 2 at a time, each wave draining for the default 300 s")
            #expect(run.stderr.contains("[push auth] "), "child output is prefixed with its step")
            #expect(
                !run.stderr.contains("\u{1B}") && !run.stdout.contains("\u{1B}"), "no escape codes when not a terminal")
        }

        @Test func theRegistryPasswordTravelsOnlyThroughAPipe() throws {
            let sandbox = try Sandbox(services: 3)
            let run = sandbox.deploy(["--skip-tf", "--skip-spas", "--services", "auth"] + Self.yes)
            let password = sandbox.registryPassword

            #expect(run.status == 0, "\(run.stderr)")
            #expect(password.count > 8)
            let digest = String(Shell.run(["sha256sum"], input: password).stdout.prefix(64))
            #expect(sandbox.dockerLogins.contains(digest), "docker login got the password on stdin")
            #expect(
                sandbox.dockerWork.contains([
                    "docker", "login", "--username", "AWS", "--password-stdin",
                    "123456789012.dkr.ecr.us-east-1.amazonaws.com",
                ]))
            #expect(!sandbox.dockerLogText.contains(password))
            #expect(!run.stdout.contains(password) && !run.stderr.contains(password))
        }

        @Test func servicesWithTerraformRollOnlyThoseServices() throws {
            let sandbox = try Sandbox(services: 3)
            _ = sandbox.deploy(["--var-file", "tfvars/sandbox.tfvars"] + Self.yes)
            let before = sandbox.head
            sandbox.commit("services/auth/src/index.js", "console.log('auth v2');\n")
            let state = sandbox.terraformInstances

            let run = sandbox.deploy(
                ["--var-file", "tfvars/sandbox.tfvars", "--services", "auth,patient-api"] + Self.yes)

            #expect(run.status == 0, "\(run.stderr)")
            let snapshot = sandbox.snapshot()
            for service in sandbox.services {
                let expected = ["auth", "patient-api"].contains(service) ? sandbox.head : before
                #expect(snapshot.image(service) == "\(sandbox.repositoryURL(service)):\(expected)")
            }
            let changed = Set(
                sandbox.terraformInstances.filter { state[$0.key] != $0.value }.keys.map {
                    $0.split(separator: "\"")[1]
                })
            #expect(changed == ["auth", "patient-api"])
        }

        /// The `y` covers the plan the summary showed: terraform applies exactly it and asks nothing more.
        @Test func withoutYesOneQuestionCoversThePlan() throws {
            let sandbox = try Sandbox(services: 3)
            let run = sandbox.deployOnTerminal(
                ["--var-file", "tfvars/sandbox.tfvars", "--skip-spas", "--profile", "sandbox"],
                answering: [("Type y to continue", "y")])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("Plan      6 to create"))
            #expect(!run.stderr.contains("Do you want to perform these actions"))
            #expect(sandbox.liveImage("auth").hasSuffix(":\(sandbox.head)"))
        }

        @Test(arguments: [("SIGINT", 130), ("SIGTERM", 143)])
        func aSignalDuringBuildsStopsEverythingAndAppliesNothing(signal: String, code: Int) throws {
            let sandbox = try Sandbox(services: 3)
            let serial = sandbox.terraformSerial
            var environment = sandbox.environment
            environment["SANDBOX_DOCKER_SECONDS"] = "30"
            let log = sandbox.folder.url.appendingPathComponent("log/docker.started").path
            let run = Shell.run(
                [
                    "python3", Sandbox.packageRoot.appendingPathComponent("sandbox/interrupt.py").path, signal, log,
                    "deps",
                    "--", Sandbox.deployBinary, "--var-file", "tfvars/sandbox.tfvars", "--profile", "sandbox", "--yes",
                ],
                environment: environment, directory: sandbox.platform)
            #expect(run.stdout.hasPrefix("exit=\(code) "), "\(run.stdout) \(run.stderr)")
            let seconds =
                Double(run.stdout.split(separator: "=").last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "")
                ?? 99
            #expect(seconds < 10)
            let leftover = Shell.run(["pgrep", "-f", sandbox.folder.path]).stdout
            #expect(
                leftover.isEmpty
                    || leftover.split(separator: "\n").allSatisfy { pid in
                        let args = Shell.run(["ps", "-o", "args=", "-p", String(pid)]).stdout
                        return args.contains("moto_server") || args.contains("health_server.py")
                            || String(pid) == sandbox.serverPID("aws")
                    }, "children left: \(leftover)")
            #expect(sandbox.terraformSerial == serial)
            #expect(!sandbox.dockerWork.contains { $0.count > 1 && $0[1] == "push" })
        }

    }
}

extension ISO8601DateFormatter {
    static var withFractions: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
