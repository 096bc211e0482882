import Foundation
import Testing

/// `deploy check` against the sandbox: every finding read back from the emulator, and nothing written anywhere.
extension EndToEnd.First {
    @Suite struct CheckTests {
        static let check = ["check", "--var-file", "tfvars/sandbox.tfvars", "--profile", "sandbox"]

        @Test func aReadyEnvironmentPassesEveryCheckAndNothingChanges() throws {
            let sandbox = try Sandbox(services: 3)
            let (serial, live, keys) = (sandbox.terraformSerial, sandbox.snapshot().live, sandbox.sharedKeys)

            let run = sandbox.deploy(Self.check)

            #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
            #expect(
                !run.stdout.contains("FAIL")
                    && run.stdout.hasSuffix("checks passed; 4 tip(s) would make the rollouts quicker\n"),
                "\(run.stdout)")
            for line in [
                "ok    terraform      terraform 1.", "ok    account        123456789012 as ",
                "ok    docker engine  27.3.1", "ok    git            no uncommitted changes to tracked files",
                "ok    lock           no deploy holds workspace 'sandbox'", "ok    ecr            3 repositories exist",
                "ok    s3             spa simulator: bucket platform-sandbox-simulator exists",
                "ok    ecs            3 services exist", "ok    logs           3 task definitions log to awslogs",
                "ok    secrets        6 secret references exist",
                "info  rollout        clinical-api ~7–10 min: 300 s of it is the deregistration delay",
                "ok    api            http://127.0.0.1:",
            ] {
                #expect(run.stdout.contains(line), "\(line)")
            }
            // The settings that slow the rollouts, as advice in the JSON too (never a failure).
            let json = sandbox.deploy(Self.check + ["--output", "json"])
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            #expect(document["result"] as? String == "ready")
            let tips = (document["checks"] as? [[String: Any]] ?? []).filter { $0["verdict"] as? String == "advice" }
            #expect(
                tips.compactMap { $0["says"] as? String }.contains(
                    "clinical-api: deregistration delay 300 s → 30 s saves ~4.5 min per deploy: `deregistration_delay = "
                        + "30` on aws_lb_target_group sandbox-clinical-api"), "\(tips)")
            #expect(!tips.contains { ($0["says"] as? String)?.hasPrefix("auth:") == true }, "auth is tuned already")
            #expect(sandbox.calls("docker").allSatisfy { $0 == ["docker", "--version"] || $0[1] == "version" })
            #expect(sandbox.terraformSerial == serial && sandbox.snapshot().live == live && sandbox.sharedKeys == keys)
            #expect(
                !FileManager.default.fileExists(atPath: sandbox.platform.appendingPathComponent(".git/deploy").path))
        }

        @Test func aMissingRepositoryBucketAndServiceAndAHeldLockAreEachNamedInOneRun() throws {
            let sandbox = try Sandbox(services: 3)
            let holder =
                #"{"arn": "arn:aws:iam::123456789012:user/ops-b", "user": "ops-b", "host": "laptop-9", "#
                + #""pid": 4242, "sha": "abc1234", "mode": "full", "started": "2026-11-29T10:00:00Z", "#
                + #""heartbeat": "2026-11-29T10:00:00Z"}"#
            let body = sandbox.folder.write("lock.json", holder)
            _ = sandbox.aws([
                "s3api", "put-object", "--bucket", "platform-sandbox-deploy", "--key", "deploy/sandbox/lock.json",
                "--body", body.path,
            ])
            _ = sandbox.aws(["ecr", "delete-repository", "--repository-name", "auth", "--force"])
            _ = sandbox.aws(["s3", "rb", "s3://platform-sandbox-simulator", "--force"])
            _ = sandbox.aws([
                "ecs", "delete-service", "--cluster", "platform-sandbox", "--service", "sandbox-patient-api", "--force",
            ])

            let run = sandbox.deploy(Self.check + ["--output", "json"])

            #expect(run.status == 1, "\(run.stderr)")
            #expect(run.stderr.contains("4 of 33 checks failed: the environment is not ready to be deployed to"))
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            let checks = document["checks"] as? [[String: Any]] ?? []
            let failed = checks.filter { $0["verdict"] as? String == "fail" }.map { $0["says"] as? String ?? "" }
            #expect(document["result"] as? String == "not ready")
            #expect(
                failed == [
                    "s3://platform-sandbox-deploy/deploy/sandbox/lock.json is held by ops-b on laptop-9 (pid 4242, "
                        + "arn:aws:iam::123456789012:user/ops-b), deploying abc1234 (full) since 2026-11-29T10:00:00Z",
                    "auth: repository 'auth' does not exist",
                    "spa simulator: bucket 'platform-sandbox-simulator' does not exist or cannot be read "
                        + "(An error occurred (404) when calling the HeadBucket operation: Not Found)",
                    "patient-api: service 'sandbox-patient-api' not found in cluster platform-sandbox",
                ], "\(failed)")
            #expect(checks.contains { $0["says"] as? String == "2 repositories exist" })

            let remote = sandbox.deploy(Self.check + ["--builder", "k8s-builder"])
            #expect(remote.stdout.contains("ok    docker builder  k8s-builder answers"), "\(remote.stdout)")
            #expect(remote.stdout.contains("ok    disk            images are built on builder k8s-builder"))
        }
    }
}
