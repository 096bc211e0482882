import Foundation
import Testing

/// What a hostile run found, each case read back from the emulator, terraform's state and the stubs' logs.
extension EndToEnd.Second {
    @Suite struct HardeningTests {
        static let yes = ["--profile", "sandbox", "--yes"]
        static let deploy = ["--var-file", "tfvars/sandbox.tfvars", "--skip-spas"] + yes

        @Test func aDeployFromAnOlderCheckoutIsRefusedNamingEachServiceUnlessAllowed() throws {
            let sandbox = try Sandbox(services: 2)
            sandbox.commit("services/auth/src/index.js", "console.log('auth v2');\n")
            #expect(sandbox.deploy(Self.deploy).status == 0)
            let newer = sandbox.head
            _ = sandbox.git(["checkout", "-q", "--detach", "HEAD~1"])
            let (live, builds) = (sandbox.snapshot().live, sandbox.dockerWork.count)

            let refused = sandbox.deploy(Self.deploy)

            #expect(refused.status == 1, "\(refused.stderr)")
            for service in sandbox.services {
                #expect(
                    refused.stderr.contains(
                        "\(service): live \(newer) is 1 commit(s) ahead of HEAD: deploying would roll it back"))
            }
            #expect(refused.stderr.contains("pass --allow-rollback to deploy HEAD anyway"))
            // --changed too: the services whose live commit is ahead are not rolled back.
            let changed = sandbox.deploy(["--changed"] + Self.deploy)
            #expect(changed.status == 1)
            #expect(changed.stderr.contains("is 1 commit(s) ahead of HEAD: deploying would roll it back"))
            #expect(sandbox.snapshot().live == live && sandbox.dockerWork.count == builds)
            let allowed = sandbox.deploy(Self.deploy + ["--allow-rollback"])
            #expect(allowed.status == 0, "\(allowed.stderr)")
            #expect(sandbox.liveImage("auth").hasSuffix(":\(sandbox.head)"))
        }

        @Test func aRolledBackCommitIsNotShippedAgainUntilSomethingNewComes() throws {
            let sandbox = try Sandbox(services: 2)
            #expect(sandbox.deploy(Self.deploy).status == 0)
            let good = sandbox.head
            sandbox.commit("services/auth/src/index.js", "console.log('auth broken');\n")
            #expect(sandbox.deploy(["--changed"] + Self.deploy.filter { $0 != "--skip-spas" }).status == 0)
            let bad = sandbox.head
            let back = sandbox.deploy(["rollback", "--var-file", "tfvars/sandbox.tfvars"] + Self.yes)
            #expect(back.status == 0, "\(back.stderr)")
            #expect(
                back.stdout.contains("Tags      auth \(good)") && !back.stdout.contains("already in ECR, not rebuilt"))

            let status = sandbox.deploy(["status"])
            let auth = status.stdout.split(separator: "\n").first { $0.hasPrefix("auth ") } ?? ""
            #expect(auth.contains("HELD") && auth.contains("rolled back from \(bad) by "), "\(status.stdout)")
            let changed = ["--changed", "--var-file", "tfvars/sandbox.tfvars"] + Self.yes
            let refused = sandbox.deploy(changed)
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("not deploying what was rolled back: auth was rolled back from \(bad) by "))
            #expect(sandbox.liveImage("auth").hasSuffix(":\(good)"))

            sandbox.commit("services/auth/src/index.js", "console.log('auth fixed');\n")
            let fixed = sandbox.deploy(changed)
            #expect(fixed.status == 0, "\(fixed.stderr)")
            #expect(sandbox.liveImage("auth").hasSuffix(":\(sandbox.head)"))
        }

        @Test func aHungApplyIsStoppedAtItsTimeoutSayingItMayBePartial() throws {
            let sandbox = try Sandbox(services: 2)
            sandbox.fault("aws sleep update-service 600")
            let started = Date()

            let run = sandbox.deploy(Self.deploy + ["--apply-timeout", "3s"])

            #expect(run.status == 1)
            #expect(Date().timeIntervalSince(started) < 150)
            #expect(
                run.stderr.contains(
                    "deploy: error: terraform apply did not end within 3s (--apply-timeout) and was "
                        + "stopped: it may have applied part of the change: see what runs now with deploy status"),
                "\(run.stderr)")
            #expect(run.stdout.contains("failed: terraform apply did not end within 3s"))
            sandbox.fault("")
            #expect(sandbox.deploy(Self.deploy).status == 0, "terraform's state lock was released")
        }

        @Test func ctrlCDuringTheApplySaysTerraformStopsCleanlyAndMayBePartial() throws {
            let sandbox = try Sandbox(services: 2)
            sandbox.fault("aws sleep update-service 600")
            let errors = sandbox.folder.url.appendingPathComponent("stderr")
            var environment = sandbox.environment
            environment["SANDBOX_STDERR"] = errors.path
            let apply = sandbox.platform.appendingPathComponent(".git/deploy/apply-sandbox.log").path
            let run = Shell.run(
                [
                    "python3", Sandbox.packageRoot.appendingPathComponent("sandbox/interrupt.py").path, "SIGINT",
                    apply, "Creating", "--", Sandbox.deployBinary,
                ] + Self.deploy,
                environment: environment, directory: sandbox.platform)

            #expect(run.stdout.hasPrefix("exit=130 "), "\(run.stdout) \(run.stderr)")
            let said = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            #expect(said.contains("deploy: SIGINT: terraform apply is stopping cleanly"), "\(said)")
            #expect(said.contains("terraform apply was interrupted by SIGINT: it may have applied part of the change"))
        }

        @Test func aKilledDeploysApplyFinishesOnItsOwnAndTheNextDeployPointsToItsLog() throws {
            let sandbox = try Sandbox(services: 2)
            sandbox.fault("aws sleep update-service 2")
            let apply = sandbox.platform.appendingPathComponent(".git/deploy/apply-sandbox.log")
            let serial = sandbox.terraformSerial
            let deploy = sandbox.startDeploy(Self.deploy)
            #expect(Shell.waitFor("Creating", in: apply))
            deploy.signal(SIGKILL)
            _ = deploy.wait()
            #expect(Shell.waitFor("Apply complete!", in: apply, seconds: 90), "the apply ran on to its end")
            let lock = sandbox.folder.url.appendingPathComponent("tfstate/sandbox/.terraform.tfstate.lock.info")
            for _ in 0..<50 where FileManager.default.fileExists(atPath: lock.path) {
                Thread.sleep(forTimeInterval: 0.1)
            }
            #expect(!FileManager.default.fileExists(atPath: lock.path), "terraform released its state lock")
            #expect(sandbox.terraformSerial > serial)
            let snapshot = sandbox.snapshot()
            for service in sandbox.services { #expect(snapshot.image(service).hasSuffix(":\(sandbox.head)")) }

            sandbox.fault("")
            let next = sandbox.deploy(Self.deploy, environment: ["DEPLOY_LOCK_STALE_SECONDS": "1"])
            #expect(next.status == 0, "\(next.stderr)")
            #expect(
                next.stderr.contains(
                    "an earlier deploy was killed during its terraform apply, which went on without it"))
        }

    }
}
