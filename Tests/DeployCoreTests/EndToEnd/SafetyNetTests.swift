import Foundation
import Testing

/// The safety net, by fault injection: each case checks what is left in the emulator and terraform.
extension EndToEnd.Second {
    @Suite struct SafetyNetTests {
        static let full = ["--var-file", "tfvars/sandbox.tfvars", "--profile", "sandbox", "--yes"]

        @Test func whatCannotSucceedIsRefusedBeforeAnyBuild() throws {
            let sandbox = try Sandbox()
            let serial = sandbox.terraformSerial
            func refused(_ message: String, extra: [String] = [], environment: [String: String?] = [:]) {
                let run = sandbox.deploy(Self.full + extra, environment: environment)
                #expect(run.status == 1, "\(message): \(run.stderr)")
                #expect(run.stderr.contains(message), "\(run.stderr)")
            }

            _ = Shell.run(
                ["terraform", "-chdir=\(sandbox.terraformDir.path)", "workspace", "select", "default"],
                environment: sandbox.environment)
            refused(
                "terraform workspace is 'default' but --var-file is sandbox.tfvars: run `terraform "
                    + "-chdir=infra/terraform/aws workspace select sandbox`"
            )
            _ = Shell.run(
                ["terraform", "-chdir=\(sandbox.terraformDir.path)", "workspace", "select", "sandbox"],
                environment: sandbox.environment)

            sandbox.folder.write("platform/services/auth/src/index.js", "console.log('not committed');\n")
            refused(
                "uncommitted changes would ship under \(sandbox.head), which does not contain them: "
                    + "services/auth/src/index.js"
            )
            _ = sandbox.git(["checkout", "--", "services/auth/src/index.js"])

            let oldTerraform = sandbox.folder.write(
                "old/terraform",
                """
                #!/bin/sh
                [ "$1" = version ] && { echo '{"terraform_version":"1.5.7"}'; exit 0; }
                exec /usr/local/bin/terraform "$@"
                """, executable: true)
            refused(
                "terraform 1.5.7 is too old: deploy needs terraform >= 1.6",
                environment: [
                    "PATH": oldTerraform.deletingLastPathComponent().path + ":" + sandbox.environment["PATH"]!
                ])
            try FileManager.default.removeItem(at: sandbox.folder.url.appendingPathComponent("bin/pnpm"))
            refused("pnpm not found on PATH")
            _ = Shell.run([
                "cp", Sandbox.packageRoot.appendingPathComponent("sandbox/stubs/pnpm").path,
                sandbox.folder.url.appendingPathComponent("bin/pnpm").path,
            ])
            refused(
                "AWS credentials for profile 'sandbox' do not work",
                environment: ["AWS_SHARED_CREDENTIALS_FILE": "/dev/null"])
            refused("GB free at", extra: ["--min-free-gb", "1000000"])

            let lockFile = sandbox.folder.url.appendingPathComponent("platform/.git/deploy/lock-sandbox.json")
            sandbox.folder.write(
                "platform/.git/deploy/lock-sandbox.json",
                #"{"pid": \#(getpid()), "user": "ops-a", "host": "\#(ProcessInfo.processInfo.hostName)", "#
                    + #""started": "2026-11-26T10:00:00Z", "sha": "1234567"}"#
            )
            let held = open(lockFile.path, O_RDWR)
            #expect(flock(held, LOCK_EX | LOCK_NB) == 0, "this test holds the lock, as a running deploy would")
            refused("another deploy holds workspace 'sandbox': pid \(getpid()) by ops-a")
            let prune = sandbox.deploy(["prune", "-y"])
            #expect(
                prune.status == 1
                    && prune.stderr.contains(
                        "deploying 1234567. Wait for it to finish: pruning now would remove the images it builds"),
                "\(prune.stderr)")
            close(held)

            #expect(sandbox.calls("docker").isEmpty && sandbox.calls("pnpm").isEmpty)
            #expect(sandbox.terraformSerial == serial)

            sandbox.folder.write(
                "platform/.git/deploy/lock-sandbox.json",
                #"{"pid": 999999, "user": "ops-b", "host": "\#(ProcessInfo.processInfo.hostName)", "#
                    + #""started": "2026-11-26T10:00:00Z", "sha": "1234567"}"#
            )
            let stale = sandbox.deploy(["--skip-tf", "--services", "auth", "--profile", "sandbox", "--yes"])
            #expect(stale.status == 0, "\(stale.stderr)")
            #expect(stale.stderr.contains("taking over a stale lock on workspace 'sandbox' (pid 999999 of ops-b"))
            #expect(
                (try? Data(contentsOf: lockFile))?.isEmpty == true, "the lock is released at the end, naming nobody")
        }

        @Test func aRerunAfterAFailedPushPushesOnlyWhatIsMissing() throws {
            let sandbox = try Sandbox(services: 3)
            sandbox.fault("docker push patient-api")
            let failed = sandbox.deploy(Self.full)
            #expect(failed.status == 1)
            #expect(failed.stdout.contains("FAILED") && failed.stdout.contains("push patient-api"))
            sandbox.fault("")
            let pushesBefore = sandbox.calls("docker").filter { $0[1] == "push" }.count

            let rerun = sandbox.deploy(Self.full)

            #expect(rerun.status == 0, "\(rerun.stderr)")
            #expect(
                rerun.stdout.contains("already in ECR, not rebuilt: auth, clinical-api\n"), "\(rerun.stdout)")
            let pushes = sandbox.calls("docker").filter { $0[1] == "push" }.dropFirst(pushesBefore)
            #expect(pushes.map { $0[2] } == ["\(sandbox.repositoryURL("patient-api")):\(sandbox.head)"])
            let snapshot = sandbox.snapshot()
            for service in sandbox.services { #expect(snapshot.image(service).hasSuffix(":\(sandbox.head)")) }
        }

        @Test func aFailedBuildIsNotPushedAndATransientOneIsRetried() throws {
            let sandbox = try Sandbox(services: 3)
            let serial = sandbox.terraformSerial
            sandbox.fault("docker build auth")
            // One build at a time: with two, another service's build may end before auth's fails, and its push
            // (which the deploy rightly lets finish) would not be the point here.
            let failed = sandbox.deploy(Self.full + ["--skip-spas", "--jobs", "1"])
            #expect(failed.status == 1)
            #expect(failed.stderr.contains("deploy: error: step 'build auth' exited with 1"))
            #expect(!sandbox.calls("docker").contains { $0[1] == "push" })
            #expect(sandbox.terraformSerial == serial)

            sandbox.fault("docker build auth once")
            let retried = sandbox.deploy(Self.full + ["--skip-spas"])
            #expect(retried.status == 0, "\(retried.stderr)")
            #expect(
                retried.stderr.contains("build auth: transient failure (ECONNRESET); retrying in 2s, attempt 2 of 3"))
            #expect(sandbox.liveImage("auth").hasSuffix(":\(sandbox.head)"))
        }

        /// An image this run pushed is in ECR (the registry accepted it); one it did not push is looked up: here
        /// the tag terraform keeps auth on while patient-api rolls, gone from ECR since (a lifecycle rule, by hand).
        @Test func anImageMissingFromECRAtApplyTimeIsRefused() throws {
            let sandbox = try Sandbox(services: 3)
            #expect(sandbox.deploy(Self.full + ["--skip-spas"]).status == 0)
            let live = sandbox.head
            sandbox.commit("services/patient-api/src/index.js", "console.log('patient-api v2');\n")
            _ = sandbox.aws([
                "ecr", "batch-delete-image", "--repository-name", "auth", "--image-ids", "imageTag=\(live)",
            ])
            let serial = sandbox.terraformSerial
            let run = sandbox.deploy(["--changed"] + Self.full)
            #expect(run.status == 1)
            #expect(
                run.stderr.contains("the image of auth is not in ECR, so terraform was not applied"), "\(run.stderr)")
            #expect(sandbox.terraformSerial == serial)
            #expect(sandbox.liveImage("patient-api").hasSuffix(":\(live)"))
        }
    }
}
