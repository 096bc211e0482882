import Foundation
import Synchronization

@testable import DeployCore

/// A platform checkout on disk (its services, the var-file, a git folder for the lock and the history) with git,
/// terraform, the aws CLI, docker, pnpm and curl played by a script over a small model of the account: what ECR
/// holds, which image each ECS service runs, how its rollouts go, what the buckets and the health URLs say. The
/// command tests drive `deploy` through its one entry point against it: the same code as the binary, without a
/// process started.
final class ScriptedPlatform: Sendable {
    static let head = "abc1234"
    static let parent = "0000000"
    static let registry = "123456789012.dkr.ecr.eu-west-1.amazonaws.com"

    struct State {
        /// ECR: repository → tags.
        var tags: [String: Set<String>] = [:]
        /// ECS: service → the tag of each task definition revision, oldest first; it runs the last.
        var revisions: [String: [String]] = [:]
        /// Rollouts that do not end steady: service (or `service@tag`, that tag only) → how its new deployment
        /// goes: a rolloutState (`FAILED`, `IN_PROGRESS`), or `ROLLED_BACK` (the revision before is primary again).
        var rollouts: [String: String] = [:]
        /// Actions whose rendered command contains one of these fail with exit 1.
        var failing: [String] = []
        /// Actions whose rendered command contains the key fail once, saying the value.
        var failingOnce: [String: String] = [:]
        /// What `git diff` says changed between the parent and HEAD.
        var changedPaths: [String] = []
        /// `git status --porcelain`: tracked files with uncommitted changes.
        var uncommitted: [String] = []
        /// The repository has no commit yet.
        var noCommits = false
        /// git finds no repository here.
        var notARepository = false
        /// `terraform workspace show`.
        var workspace = "prod"
        var terraformVersion = "1.9.8"
        /// Resources a plan changes besides the services', with their action (`delete`, `create`).
        var otherChanges: [String: String] = [:]
        /// Saved plans by file: the image each service it changes gets.
        var plans: [String: [String: String]] = [:]
        /// `aws sts get-caller-identity` fails, saying this.
        var credentialsFail: String?
        /// How long commands take: a part of the command as typed → seconds.
        var seconds: [String: Double] = [:]
        /// SPA bucket → the build its marker says it holds.
        var markers: [String: String] = [:]
        /// Service → the HTTP status its health URL answers (200 when absent).
        var health: [String: Int] = [:]
        /// A Ctrl-C arrives when a command containing this starts (`question`: at the typed `y`).
        var interruptOn: String?
        /// The run's children registry, which the Ctrl-C reaches.
        var children: ChildRegistry?
        var hasBucket = false
        /// Services whose tag was pushed over after this deploy pushed it: their tasks run another digest.
        var overwritten: Set<String> = []
        /// Services behind a load balancer: their target group's health check interval, healthy threshold and
        /// deregistration delay.
        var targetGroups: [String: (interval: Int, threshold: Int, delay: Int)] = [:]
        /// Service → its task definition's secrets: variable → valueFrom.
        var secrets: [String: [String: String]] = [:]
        /// What the account holds: SSM parameter names, and Secrets Manager secret ARNs.
        var parameters: Set<String> = []
        var secretARNs: Set<String> = []
        /// A task before a roll, by service: its app's exit code (0 when absent), or nil: it never stops by itself.
        var taskExits: [String: Int?] = [:]
        /// The one-off tasks stopped with `stop-task`, and the task definitions registered and deregistered.
        var stoppedTasks: Set<String> = []
        var registered: [String] = []
        var deregistered: [String] = []
        /// Once a command containing this has run, the AWS session is over: every aws call fails, its token expired.
        var sessionEndsAfter: String?
        var sessionEnded = false
        /// Digests that are not the made-up ones: `repository:tag` → digest (a tag pushed over, a copy that went
        /// wrong).
        var digests: [String: String] = [:]
        /// `skopeo copy` into these repositories lands this digest under the target's tag instead of the source's.
        var copiesAs: [String: String] = [:]
    }

    let folder = TemporaryFolder("scripted")
    let services: [String]
    let model: Model
    let runner: FakeRunner
    /// The team's deploy bucket (terraform output `deploy_bucket` is `team-deploy`), when the platform has one.
    let bucket: FakeBucket?
    static let bucketName = "team-deploy"

    var root: URL { folder.url.appendingPathComponent("platform") }
    var gitDirectory: URL { root.appendingPathComponent(".git") }

    /// Every service runs `live` (in ECR too); `shared`: the environment has a deploy bucket.
    init(services: [String] = ["auth", "billing"], live: String = ScriptedPlatform.parent, shared: Bool = false) {
        self.services = services
        let bucket = shared ? FakeBucket() : nil
        self.bucket = bucket
        var initial = State()
        initial.hasBucket = shared
        for service in services {
            initial.tags[service] = [live]
            initial.revisions[service] = [live]
        }
        let state = Model(initial)
        self.model = state
        let root = folder.url.appendingPathComponent("platform")
        runner = FakeRunner(
            delay: { action in state.withLock { $0.seconds.first { action.rendered.contains($0.key) }?.value ?? 0 } },
            answer: { action in Self.answer(action, state: state, root: root, services: services, bucket: bucket) })
        for service in services { folder.write("platform/services/\(service)/package.json", "{}\n") }
        folder.write("platform/infra/terraform/aws/tfvars/prod.tfvars", "expose_api_docs = true\n")
        folder.write("aws/config", "[profile prod]\nregion = eu-west-1\n[profile sandbox]\n")
        for tool in ["git", "terraform", "aws", "docker", "pnpm", "curl", "skopeo"] {
            folder.write("bin/\(tool)", "#!/bin/sh\nexit 99\n", executable: true)
        }
    }

    /// The environment deploy runs with: the tools on PATH, no colour, the operator `ops`, the profiles' files.
    var environment: [String: String] {
        [
            "PATH": folder.url.appendingPathComponent("bin").path, "NO_COLOR": "1", "USER": "ops",
            "AWS_CONFIG_FILE": folder.path + "/aws/config", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
        ]
    }

    /// How one run of deploy ended: what it wrote on stdout and stderr, and the error it ended with.
    struct Run: Sendable {
        var out: String
        var err: String
        var error: DeployError?
        var code: Int32
    }

    /// `deploy` with these arguments (`--var-file tfvars/prod.tfvars` is not added), through the one entry point,
    /// answering the prompts with `answers` (on a terminal, unless `terminal` is false).
    func run(
        _ arguments: [String], answers: [String] = [], terminal: Bool = true,
        environment extra: [String: String?] = [:],
        slowAnswers: Double = 0, pace: Pace = .quick
    ) async -> Run {
        let out = Lines()
        let err = Lines()
        let queue = Mutex(answers)
        let children = ChildRegistry()
        runner.children.withLock { $0 = children }
        model.withLock { $0.children = children }
        let interruptsAtQuestion = model.withLock { $0.interruptOn == "question" }
        var io = DeployIO(
            out: { out.append(OutputLine(.stdout, $0)) }, err: { err.append(OutputLine(.stderr, $0)) },
            stdinIsTerminal: terminal,
            readLine: {
                if interruptsAtQuestion { children.interrupt(with: SIGINT) }
                if slowAnswers > 0 { Thread.sleep(forTimeInterval: slowAnswers) }
                return queue.withLock { $0.isEmpty ? nil : $0.removeFirst() }
            }, children: children, makeRunner: { [runner] _, _ in runner })
        io.pace = pace
        var environment = environment
        for (key, value) in extra { environment[key] = value }
        let ending = await DeployMain.ending(
            arguments: arguments, environment: environment, directory: root, io: io)
        let text = { (lines: Lines) in lines.all.map(\.text).joined() }
        return Run(out: text(out), err: text(err), error: ending.error, code: ending.code)
    }

    // MARK: What the tests read back

    /// Every command run, as typed, in order.
    var commands: [String] { runner.actions.map(\.rendered) }

    /// The tag each service's ECS service runs now.
    var live: [String: String] { model.withLock { $0.revisions.compactMapValues(\.last) } }

    var history: [HistoryRecord] { HistoryFile(gitDirectory: gitDirectory, workspace: "prod").records() }

    /// A second environment, `staging` (terraform workspace `staging`, its ECS services and ECR repositories named
    /// `staging-<service>`), where each service runs `tag`, with a history record of that deploy, `verified` or
    /// failed.
    func staging(runs tag: String = ScriptedPlatform.head, verified: Bool = true) throws {
        folder.write("platform/infra/terraform/aws/tfvars/staging.tfvars", "expose_api_docs = true\n")
        model.withLock { model in
            for service in services {
                model.tags["staging-\(service)"] = [tag]
                model.revisions["staging-\(service)"] = [tag]
            }
        }
        let record = HistoryRecord(
            time: "2026-12-06T10:00:00Z", by: .init(arn: "arn:aws:iam::123456789012:user/ci", user: "ci"),
            workspace: "staging", account: "123456789012", region: "eu-west-1", head: tag, mode: .full, applied: true,
            services: services.map {
                .init(
                    service: $0, tag: tag, digest: Self.digest("staging-\($0)", tag), previousTag: Self.parent,
                    rollout: verified ? .steady : .failed)
            },
            spas: [], steps: [], result: verified ? .deployed : .failed, error: verified ? nil : "not serving",
            seconds: 60)
        try HistoryFile(gitDirectory: gitDirectory, workspace: "staging").append(record)
    }

    func commands(of tool: String) -> [String] { commands.filter { $0.hasPrefix(tool + " ") } }

    /// The docker commands that do work: every one but the engine probe (`docker version`).
    var dockerWork: [String] { commands(of: "docker").filter { !$0.hasPrefix("docker version") } }

    /// Whether the lock of workspace `prod` is free and names nobody.
    var lockReleased: Bool {
        (try? Data(contentsOf: gitDirectory.appendingPathComponent("deploy/lock-prod.json")))?.isEmpty ?? true
    }
}

/// The account's model, shared by the script's calls.
final class Model: Sendable {
    private let state: Mutex<ScriptedPlatform.State>

    init(_ initial: ScriptedPlatform.State) { state = Mutex(initial) }

    func withLock<T>(_ body: (inout ScriptedPlatform.State) -> T) -> T { state.withLock { body(&$0) } }
}

extension RunResult {
    static func ok(_ stdout: String = "") -> RunResult { RunResult(status: .exited(0), stdout: Data(stdout.utf8)) }

    static func failed(_ said: String = "") -> RunResult {
        RunResult(status: .exited(said.isEmpty ? 1 : 254), tail: said.isEmpty ? [] : [said])
    }
}
