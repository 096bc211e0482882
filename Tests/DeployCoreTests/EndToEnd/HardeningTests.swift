import Foundation
import Testing

/// What a hostile run found, each case read back from the emulator, terraform's state and the stubs' logs.
extension EndToEnd.First {
    @Suite struct HardeningTests {
        static let yes = ["--profile", "sandbox", "--yes"]
        static let deploy = ["--var-file", "tfvars/sandbox.tfvars", "--skip-spas"] + yes

        @Test func emptyTargetsWithServicesAreRefusedBeforeAnythingRolls() throws {
            let sandbox = try Sandbox(services: 3)
            sandbox.commit("deploy.json", #"{"targets": []}"#)
            let live = sandbox.snapshot().live

            let run = sandbox.deploy(Self.deploy + ["--services", "auth"])

            #expect(run.status == 2, "\(run.stderr)")
            #expect(
                run.stderr.contains("deploy.json: 'targets' is empty, so terraform apply could not be limited to auth"))
            #expect(sandbox.snapshot().live == live && sandbox.calls("docker").isEmpty)
        }

        @Test func aDeployFromAnOlderCheckoutIsRefusedNamingEachServiceUnlessAllowed() throws {
            let sandbox = try Sandbox(services: 3)
            sandbox.commit("services/auth/src/index.js", "console.log('auth v2');\n")
            #expect(sandbox.deploy(Self.deploy).status == 0)
            let newer = sandbox.head
            _ = sandbox.git(["checkout", "-q", "--detach", "HEAD~1"])
            let (live, builds) = (sandbox.snapshot().live, sandbox.calls("docker").count)

            let refused = sandbox.deploy(Self.deploy)

            #expect(refused.status == 1, "\(refused.stderr)")
            for service in sandbox.services {
                #expect(
                    refused.stderr.contains(
                        "\(service): live \(newer) is 1 commit(s) ahead of HEAD: deploying would roll it back"))
            }
            #expect(refused.stderr.contains("pass --allow-rollback to deploy HEAD anyway"))
            #expect(sandbox.snapshot().live == live && sandbox.calls("docker").count == builds)
            let allowed = sandbox.deploy(Self.deploy + ["--allow-rollback"])
            #expect(allowed.status == 0, "\(allowed.stderr)")
            #expect(sandbox.liveImage("auth").hasSuffix(":\(sandbox.head)"))
        }

        @Test func aRolledBackCommitIsNotShippedAgainUntilSomethingNewComes() throws {
            let sandbox = try Sandbox(services: 3)
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
            #expect(sandbox.deploy(Self.deploy).status == 1, "a full deploy is held too")
            #expect(sandbox.liveImage("auth").hasSuffix(":\(good)"))

            sandbox.commit("services/auth/src/index.js", "console.log('auth fixed');\n")
            let fixed = sandbox.deploy(changed)
            #expect(fixed.status == 0, "\(fixed.stderr)")
            #expect(sandbox.liveImage("auth").hasSuffix(":\(sandbox.head)"))
        }

        @Test func aHungApplyIsStoppedAtItsTimeoutSayingItMayBePartial() throws {
            let sandbox = try Sandbox(services: 3)
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
            let sandbox = try Sandbox(services: 3)
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
            let sandbox = try Sandbox(services: 3)
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

        @Test func aFourMegabyteLineIsCutAndTheDeployGoesOn() throws {
            let sandbox = try Sandbox(services: 3)
            sandbox.fault("docker noisy auth 4000000")
            let run = sandbox.deploy(["--skip-tf", "--services", "auth"] + Self.yes)
            #expect(run.status == 0, "\(run.stderr.prefix(500))")
            #expect(run.stderr.contains("[… cut: the line is longer than 64 KiB]"))
            #expect(run.stderr.count < 200_000)
        }

        @Test func withOutputJSONEveryExitWritesOneDocumentAndAFullStdoutFails() throws {
            let sandbox = try Sandbox(services: 3)
            func document(_ arguments: [String]) -> (Int32, [String: Any]?) {
                let run = sandbox.deploy(arguments, environment: arguments.contains("-y") ? ["AWS_PROFILE": nil] : [:])
                return (run.status, (try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8))) as? [String: Any])
            }
            for arguments in [["--skip-tf", "--jobs", "0"], ["--yess"], ["--skip-tf", "-y"]] {
                let (status, json) = document(arguments + ["--output", "json"])
                #expect(
                    status == 2 && json?["result"] as? String == "refused" && json?["exitCode"] as? Int == 2,
                    "\(arguments)")
            }
            let (failed, status) = document(["status", "--var-file", "tfvars/prod.tfvars", "--output", "json"])
            #expect(failed == 2 && status?["result"] as? String == "refused")
            let (pruned, prune) = document(["prune", "-y", "--output", "json"])
            #expect(pruned == 0 && prune?["result"] as? String == "pruned")

            let full = Shell.run(
                ["bash", "-c", "\"$0\" \"$@\" >/dev/full", Sandbox.deployBinary, "history"],
                environment: sandbox.environment, directory: sandbox.platform)
            #expect(full.status == 1)
            #expect(full.stderr.contains("could not write the output to stdout (No space left on device)"))
        }

        @Test func aPipedYIsNoOperatorAndAnUnreachableEndpointIsNamed() throws {
            let sandbox = try Sandbox(services: 3)
            let piped = sandbox.deploy(["--var-file", "tfvars/sandbox.tfvars", "--profile", "sandbox"], input: "y\n")
            #expect(piped.status == 1)
            #expect(piped.stderr.contains("standard input is not a terminal, so nobody can type y"))
            #expect(piped.stderr.contains("pass --yes (with --profile)") && !piped.stderr.contains("Type y"))
            #expect(sandbox.calls("docker").isEmpty)

            let unreachable = sandbox.deploy(Self.deploy, environment: ["AWS_ENDPOINT_URL": "http://127.0.0.1:9"])
            #expect(unreachable.status == 1)
            #expect(
                unreachable.stderr.contains("the AWS endpoint http://127.0.0.1:9/ could not be reached"),
                "\(unreachable.stderr)")
            #expect(!unreachable.stderr.contains("aws sso login"))
        }

        @Test func smallerThingsANewcomerMet() throws {
            let sandbox = try Sandbox(services: 3)
            let run = sandbox.deploy(["--var-file", "tfvars/sandbox.tfvars"] + Self.yes)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(
                run.stderr.contains("[invalidate admin-ui] invalidation ") && run.stderr.contains(" of /* created ("))
            #expect(run.stderr.contains("[mark admin-ui] the bucket now says it holds build \(sandbox.head)"))
            #expect(!run.stderr.contains("\"ETag\""), "the aws CLI's data answers are said, not echoed")

            sandbox.folder.write("platform/services/auth/src/index.js", "console.log('not committed');\n")
            let nothing = sandbox.deploy(["--changed", "--var-file", "tfvars/sandbox.tfvars"] + Self.yes)
            #expect(nothing.stdout.contains("nothing to deploy"))
            #expect(
                nothing.stdout.contains(
                    "uncommitted changes are not part of any deploy (an image is built from a commit): "
                        + "services/auth/src/index.js"))
            _ = sandbox.git(["checkout", "--", "services/auth/src/index.js"])

            sandbox.fault("docker push auth")
            sandbox.commit("services/auth/src/index.js", "console.log('v2');\n")
            let failed = sandbox.deploy(Self.deploy)
            #expect(
                failed.stdout.hasSuffix(
                    "failed: step 'push auth' exited with 1; later steps were not run and terraform "
                        + "was not applied\n"), "\(failed.stdout)")

            let empty = sandbox.folder.url.appendingPathComponent("empty")
            _ = Shell.run(["cp", "-r", sandbox.platform.path, empty.path])
            _ = Shell.run(["rm", "-rf", empty.appendingPathComponent(".git").path])
            _ = Shell.run(["git", "init", "-q", empty.path])
            let uncommitted = sandbox.deploy(Self.deploy, in: empty)
            #expect(uncommitted.status == 2)
            #expect(
                uncommitted.stderr.hasPrefix(
                    "deploy: error: the repository has no commits yet: commit the platform first"),
                "\(uncommitted.stderr)")
        }
    }
}
