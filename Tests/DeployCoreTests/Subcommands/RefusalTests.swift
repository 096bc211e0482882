import Foundation
import Testing

@testable import DeployCore

/// What cannot succeed is refused before anything is built, pushed or applied: bad input (exit 2, one line), and
/// what the checks before the build find, each with its fix.
@Suite struct RefusalTests {
    static let deploy = ["--var-file", "tfvars/prod.tfvars", "--profile", "p", "--yes", "--min-free-gb", "0"]

    static let badInput: [([String], String)] = [
        (
            ["--var-file", "tfvars/prod.tfvars", "--yess"],
            "deploy: error: unknown option '--yess'. Did you mean '--yes'?"
        ),
        (["--var-file"], "deploy: error: --var-file needs a value: --var-file <path>"),
        (
            ["--changed", "--services", "auth", "--var-file", "tfvars/prod.tfvars"],
            "deploy: error: --changed cannot be combined with --services: --changed picks the services itself"
        ),
        (
            ["--changed", "--skip-tf"],
            "deploy: error: --changed cannot be combined with --skip-tf: --changed rolls what it builds"
        ),
        (
            ["--profile", "p", "-y"],
            "deploy: error: --var-file is required unless --skip-tf: for example --var-file tfvars/sandbox.tfvars"
        ),
        (
            ["--var-file", "tfvars/staging.tfvars", "--profile", "p", "-y"],
            "deploy: error: var-file 'tfvars/staging.tfvars' not found in"
        ),
        (
            ["--skip-tf", "--services", "auth,biling", "--profile", "p", "-y"],
            "deploy: error: unknown service 'biling' in --services. Did you mean 'billing'?"
        ),
        (
            ["--var-file", "tfvars/prod.tfvars", "-y"],
            "deploy: error: --yes needs an AWS profile: pass --profile <name> or set AWS_PROFILE"
        ),
    ]

    @Test func badInputExits2WithOneLineAndRunsNothing() async {
        let platform = ScriptedPlatform()
        for (arguments, message) in Self.badInput {
            let run = await platform.run(arguments)
            #expect(run.code == 2, "\(arguments)")
            #expect(run.err.hasPrefix(message), "\(run.err)")
            #expect(run.err.split(separator: "\n").count == 1, "\(run.err)")
            #expect(run.out.isEmpty)
        }
        #expect(platform.dockerWork.isEmpty && platform.commands(of: "pnpm").isEmpty)
        #expect(!platform.commands.contains { $0.contains(" apply ") })
    }

    /// Each refusal of the checks before the build, one at a time, with the platform otherwise ready.
    @Test func whatCannotSucceedIsRefusedBeforeAnyBuild() async throws {
        let platform = ScriptedPlatform()
        func refused(
            _ message: String, extra: [String] = [], environment: [String: String?] = [:],
            _ setUp: (inout ScriptedPlatform.State) -> Void = { _ in }
        ) async {
            let saved = platform.model.withLock { model in
                let saved = model
                setUp(&model)
                return saved
            }
            let base = extra.contains("--min-free-gb") ? Array(Self.deploy.dropLast(2)) : Self.deploy
            let run = await platform.run(base + extra, environment: environment)
            platform.model.withLock { $0 = saved }
            #expect(run.code == 1, "\(message): \(run.err)")
            #expect(run.err.contains(message), "\(run.err)")
        }
        await refused(
            "terraform workspace is 'default' but --var-file is prod.tfvars: run `terraform "
                + "-chdir=infra/terraform/aws workspace select prod`"
        ) { $0.workspace = "default" }
        await refused(
            "uncommitted changes would ship under abc1234, which does not contain them: services/auth/src/index.js"
        ) { $0.uncommitted = ["services/auth/src/index.js"] }
        await refused("terraform 1.5.7 is too old: deploy needs terraform >= 1.6") { $0.terraformVersion = "1.5.7" }
        try FileManager.default.removeItem(at: platform.folder.url.appendingPathComponent("bin/pnpm"))
        await refused("pnpm not found on PATH")
        platform.folder.write("bin/pnpm", "#!/bin/sh\nexit 99\n", executable: true)
        await refused("AWS credentials for profile 'p' do not work") {
            $0.credentialsFail =
                "Unable to locate credentials. You can configure credentials by running \"aws configure\"."
        }
        await refused("GB free at", extra: ["--min-free-gb", "1000000"])
        #expect(platform.dockerWork.isEmpty && platform.commands(of: "pnpm").isEmpty)
        #expect(!platform.commands.contains { $0.contains(" apply ") })
        #expect(platform.history.isEmpty)
    }

    /// This clone's lock: held by a running deploy, it refuses another deploy and a prune; left by a dead one, it is
    /// taken over saying whose it was, and released at the end.
    @Test func aHeldLockRefusesAndAStaleOneIsTakenOver() async throws {
        let platform = ScriptedPlatform()
        let host = ProcessInfo.processInfo.hostName
        platform.folder.write(
            "platform/.git/deploy/lock-prod.json",
            #"{"pid": \#(getpid()), "user": "ops-a", "host": "\#(host)", "started": "2026-11-26T10:00:00Z", "#
                + #""sha": "1234567"}"#)
        let held = open(platform.gitDirectory.appendingPathComponent("deploy/lock-prod.json").path, O_RDWR)
        #expect(flock(held, LOCK_EX | LOCK_NB) == 0, "this test holds the lock, as a running deploy would")
        let refused = await platform.run(Self.deploy)
        #expect(
            refused.code == 1 && refused.err.contains("another deploy holds workspace 'prod': pid \(getpid()) by ops-a")
        )
        let prune = await platform.run(["prune", "-y"])
        #expect(prune.code == 1)
        #expect(
            prune.err.contains(
                "deploying 1234567. Wait for it to finish: pruning now would remove the images it builds"))
        close(held)
        #expect(platform.dockerWork.isEmpty)

        platform.folder.write(
            "platform/.git/deploy/lock-prod.json",
            #"{"pid": 999999, "user": "ops-b", "host": "\#(host)", "started": "2026-11-26T10:00:00Z", "sha": "1234567"}"#
        )
        let stale = await platform.run(["--skip-tf", "--services", "auth", "--profile", "p", "--yes"])
        #expect(stale.error == nil, "\(stale.err)")
        #expect(stale.err.contains("taking over a stale lock on workspace 'prod' (pid 999999 of ops-b"))
        #expect(platform.lockReleased, "the lock is released at the end, naming nobody")
    }

    @Test func emptyTargetsWithServicesAreRefusedBeforeAnythingRolls() async {
        let platform = ScriptedPlatform()
        platform.folder.write("platform/deploy.json", #"{"targets": []}"#)
        let run = await platform.run(Self.deploy + ["--services", "auth"])
        #expect(run.code == 2, "\(run.err)")
        #expect(run.err.contains("deploy.json: 'targets' is empty, so terraform apply could not be limited to auth"))
        #expect(platform.dockerWork.isEmpty && platform.live["auth"] == ScriptedPlatform.parent)
    }

    @Test func aRepositoryWithoutACommitIsNamedAsSuch() async {
        let platform = ScriptedPlatform()
        platform.model.withLock { $0.noCommits = true }
        let run = await platform.run(Self.deploy)
        #expect(run.code == 2)
        #expect(run.err.hasPrefix("deploy: error: the repository has no commits yet: commit the platform first"))
    }

    @Test func aPipedYIsNoOperatorAndAnUnreachableEndpointIsNamed() async {
        let platform = ScriptedPlatform()
        let piped = await platform.run(["--var-file", "tfvars/prod.tfvars", "--profile", "p"], terminal: false)
        #expect(piped.code == 1)
        #expect(piped.err.contains("standard input is not a terminal, so nobody can type y"))
        #expect(piped.err.contains("pass --yes (with --profile)") && !piped.err.contains("Type y"))
        #expect(platform.dockerWork.isEmpty)

        // What the aws CLI says when its endpoint does not answer.
        platform.model.withLock {
            $0.credentialsFail = "Could not connect to the endpoint URL: \"http://127.0.0.1:9/\""
        }
        let unreachable = await platform.run(Self.deploy)
        #expect(unreachable.code == 1)
        #expect(
            unreachable.err.contains("the AWS endpoint http://127.0.0.1:9/ could not be reached"), "\(unreachable.err)")
        #expect(!unreachable.err.contains("aws sso login"))
    }
}
