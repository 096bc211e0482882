import Foundation
import Testing

/// One lock, one history and one rollback for the whole team: two clones of the platform (two operators' git
/// folders) against one emulator, whose deploy bucket (terraform output `deploy_bucket`) holds both.
extension EndToEnd.Second {
    @Suite struct SharedLockTests {
        static let deploy = ["--var-file", "tfvars/sandbox.tfvars", "--skip-spas", "--profile", "sandbox", "--yes"]
        static let lock = "deploy/sandbox/lock.json"

        @Test func aDeployFromAnotherCloneIsRefusedWhileOneHoldsTheLockAndChangesNothing() throws {
            let sandbox = try Sandbox(services: 2)
            let b = try sandbox.clone("platform-b")
            let a = sandbox.startDeploy(Self.deploy, environment: ["USER": "ops-a", "SANDBOX_DOCKER_SECONDS": "30"])
            defer { a.signal(SIGTERM) }
            #expect(Shell.waitFor("deps", in: sandbox.folder.url.appendingPathComponent("log/docker.started")))
            let (before, serial, calls) = (sandbox.snapshot(), sandbox.terraformSerial, sandbox.dockerWork.count)

            let refused = sandbox.deploy(Self.deploy, environment: ["USER": "ops-b"], in: b)

            #expect(refused.status == 1)
            #expect(
                refused.stderr.contains(
                    "another deploy holds workspace 'sandbox' (s3://platform-sandbox-deploy/\(Self.lock)): "
                        + "ops-a on \(ProcessInfo.processInfo.hostName) (pid \(a.pid), "
                        + "arn:aws:sts::123456789012:user/moto), deploying "
                        + "\(sandbox.head) (full) since "), "\(refused.stderr)")
            #expect(
                refused.stderr.contains("its heartbeat was ") && refused.stderr.contains("deploy unlock --var-file"))
            let after = sandbox.snapshot()
            #expect(after.live == before.live && after.tags == before.tags && after.buckets == before.buckets)
            #expect(sandbox.terraformSerial == serial)
            #expect(sandbox.dockerWork.count == calls, "B built nothing")
        }

        @Test func aKilledDeployLeavesItsLockWhichTheNextTakesOverOnceStaleSayingWhose() throws {
            let sandbox = try Sandbox(services: 2)
            let a = sandbox.startDeploy(Self.deploy, environment: ["USER": "ops-a", "SANDBOX_DOCKER_SECONDS": "3"])
            #expect(Shell.waitFor("deps", in: sandbox.folder.url.appendingPathComponent("log/docker.started")))
            a.signal(SIGKILL)
            _ = a.wait()
            let held = try #require(sandbox.sharedObject(Self.lock), "the lock stays behind a killed deploy")
            #expect(held["user"] as? String == "ops-a")
            Thread.sleep(forTimeInterval: 3)

            let next = sandbox.deploy(Self.deploy, environment: ["USER": "ops-b", "DEPLOY_LOCK_STALE_SECONDS": "2"])

            #expect(next.status == 0, "\(next.stderr)")
            #expect(next.stderr.contains("taking over the stale lock on workspace 'sandbox' of ops-a on "))
            #expect(!sandbox.sharedKeys.contains(Self.lock), "released at the end")
            let history = sandbox.deploy(["history", "--profile", "sandbox"])
            let rows = history.stdout.split(separator: "\n").filter { $0.hasPrefix("20") }
            #expect(
                rows.count == 2 && rows[0].contains(" deployed ") && rows[1].contains(" unfinished "),
                "\(history.stdout)")
        }

        @Test func eachCloneSeesTheOthersDeploysAndCanRollThemBack() throws {
            let sandbox = try Sandbox(services: 2)
            let b = try sandbox.clone("platform-b")
            #expect(sandbox.deploy(Self.deploy, environment: ["USER": "ops-a"]).status == 0)
            let first = sandbox.head
            sandbox.commit("services/auth/src/index.js", "console.log('auth v2');\n")
            let changed = sandbox.deploy(["--changed"] + Self.deploy, environment: ["USER": "ops-a"])
            #expect(changed.status == 0, "\(changed.stderr)")
            #expect(sandbox.liveImage("auth").hasSuffix(":\(sandbox.head)"))

            let history = sandbox.deploy(["history", "--profile", "sandbox", "--output", "json"], in: b)
            let records = try #require(
                try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]])
            #expect(records.count == 2 && records.allSatisfy { $0["result"] as? String == "deployed" })
            let by = try #require(records.first?["operator"] as? [String: Any])
            #expect(by["user"] as? String == "ops-a" && by["host"] as? String == ProcessInfo.processInfo.hostName)
            #expect(sandbox.deploy(["history", "--profile", "sandbox"], in: b).stdout.contains("ops-a"))
            let builds = sandbox.dockerWork.count

            let back = sandbox.deploy(
                ["rollback", "--var-file", "tfvars/sandbox.tfvars", "--profile", "sandbox", "--yes"],
                environment: ["USER": "ops-b"], in: b)

            #expect(back.status == 0, "\(back.stderr)")
            #expect(back.stdout.contains("rolled back auth to \(first)"))
            #expect(sandbox.liveImage("auth").hasSuffix(":\(first)"))
            #expect(sandbox.dockerWork.count == builds, "a rollback builds nothing")
        }

        @Test func unlockAfterATypedYFreesAStuckLockNamingItsHolder() throws {
            let sandbox = try Sandbox(services: 2)
            let stuck = sandbox.folder.write(
                "stuck.json",
                """
                {"arn": "arn:aws:sts::123456789012:user/ops-c", "user": "ops-c", "host": "laptop-c", "pid": 4242,
                 "sha": "1234567", "mode": "full", "started": "2026-11-29T08:00:00Z",
                 "heartbeat": "\(ISO8601DateFormatter().string(from: Date()))"}
                """)
            _ = Shell.run(
                [
                    "aws", "s3api", "put-object", "--bucket", "platform-sandbox-deploy", "--key", Self.lock,
                    "--body", stuck.path,
                ], environment: sandbox.environment)
            #expect(sandbox.deploy(Self.deploy).stderr.contains("ops-c on laptop-c (pid 4242"))

            let unlock = ["unlock", "--var-file", "tfvars/sandbox.tfvars", "--profile", "sandbox"]
            let declined = sandbox.deployOnTerminal(unlock, answering: [("Type y to continue", "n")])
            #expect(declined.status == 1 && sandbox.sharedKeys.contains(Self.lock))
            let removed = sandbox.deployOnTerminal(unlock, answering: [("Type y to continue", "y")])

            #expect(removed.status == 0, "\(removed.stderr)")
            #expect(
                removed.stdout.contains(
                    "s3://platform-sandbox-deploy/\(Self.lock) is held by ops-c on laptop-c (pid 4242"))
            #expect(!sandbox.sharedKeys.contains(Self.lock))
            #expect(sandbox.deploy(Self.deploy).status == 0)
        }
    }
}
