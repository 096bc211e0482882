import Foundation
import Testing

/// The runbook's deploys, run with the real `deploy` binary against the sandbox: real git, real terraform,
/// the real aws CLI talking to moto_server. Each test reads the outcome back from the emulator and terraform.
extension EndToEnd {
@Suite struct FullDeployTests {
    static let yes = ["--profile", "sandbox", "--yes"]

    @Test func fullDeployRollsEveryServiceAndShipsTheSPAs() throws {
        let sandbox = try Sandbox()
        let sha = sandbox.head
        let slackAgentBefore = sandbox.liveImage("slack-agent")

        let run = sandbox.deploy(["--var-file", "tfvars/sandbox.tfvars"] + Self.yes)

        #expect(run.status == 0, "\(run.stderr)")
        for service in sandbox.services {
            #expect(sandbox.liveImage(service) == "\(sandbox.repositoryURL(service)):\(sha)")
            #expect(sandbox.imageTags(service).contains(sha))
        }
        #expect(sandbox.services.count == 9)
        #expect(sandbox.liveImage("slack-agent") == slackAgentBefore)
        for spa in ["admin-ui", "simulator"] {
            #expect(sandbox.bucketKeys("platform-sandbox-\(spa)") == ["index.html", "assets/app.js"])
            #expect(sandbox.invalidationCount(spa) == 1)
        }
        #expect(sandbox.terraformResources.count == 18)
        #expect(run.stdout.contains("deployed \(sha)"))
    }

    @Test func theRegistryPasswordTravelsOnlyThroughAPipe() throws {
        let sandbox = try Sandbox()
        let run = sandbox.deploy(["--skip-tf", "--skip-spas", "--services", "auth"] + Self.yes)
        let password = sandbox.registryPassword

        #expect(run.status == 0, "\(run.stderr)")
        #expect(password.count > 8)
        let digest = String(Shell.run(["sha256sum"], input: password).stdout.prefix(64))
        #expect(sandbox.dockerLogins.contains(digest), "docker login got the password on stdin")
        #expect(sandbox.calls("docker").contains(["docker", "login", "--username", "AWS", "--password-stdin", "123456789012.dkr.ecr.us-east-1.amazonaws.com"]))
        #expect(!sandbox.dockerLogText.contains(password))
        #expect(!run.stdout.contains(password) && !run.stderr.contains(password))
    }

    @Test func imageOnlyPushOfTwoServicesChangesNothingLive() throws {
        let sandbox = try Sandbox()
        let sha = sandbox.head
        let serial = sandbox.terraformSerial

        let run = sandbox.deploy(["--skip-tf", "--skip-spas", "--services", "auth,billing"] + Self.yes)

        #expect(run.status == 0, "\(run.stderr)")
        #expect(sandbox.imageTags("auth").contains(sha))
        #expect(sandbox.imageTags("billing").contains(sha))
        #expect(!sandbox.imageTags("clinical-api").contains(sha))
        for service in sandbox.services { #expect(sandbox.liveImage(service).hasSuffix(":seed")) }
        #expect(sandbox.terraformSerial == serial)
        #expect(!run.stderr.contains("[apply]"))
    }

    @Test func skipSPAsRunsNoPnpmS3OrCloudFront() throws {
        let sandbox = try Sandbox()
        let run = sandbox.deploy(["--var-file", "tfvars/sandbox.tfvars", "--skip-spas"] + Self.yes)

        #expect(run.status == 0, "\(run.stderr)")
        #expect(sandbox.calls("pnpm").isEmpty)
        #expect(sandbox.bucketKeys("platform-sandbox-admin-ui") == ["stale.html"])
        #expect(sandbox.invalidationCount("admin-ui") == 0)
        #expect(sandbox.liveImage("auth").hasSuffix(":\(sandbox.head)"))
    }

    @Test func aFailedPushStopsTheDeployBeforeAnythingRolls() throws {
        let sandbox = try Sandbox()
        sandbox.fault("docker push billing")
        let serial = sandbox.terraformSerial

        let run = sandbox.deploy(["--var-file", "tfvars/sandbox.tfvars"] + Self.yes)

        #expect(run.status == 1)
        #expect(run.stderr.contains("deploy: error: step 'push billing' exited with 1"))
        #expect(run.stderr.contains("connection reset by peer"))
        #expect(run.stdout.contains("not run") && run.stdout.contains("apply"))
        #expect(sandbox.terraformSerial == serial)
        #expect(sandbox.calls("pnpm").isEmpty)
        for service in sandbox.services { #expect(sandbox.liveImage(service).hasSuffix(":seed")) }
    }
}
}
