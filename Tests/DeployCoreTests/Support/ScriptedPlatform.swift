import Foundation
import Synchronization

@testable import DeployCore

/// A platform checkout on disk (its services, the var-file, a git folder for the lock and the history) with
/// git, terraform, the aws CLI, docker, pnpm and curl played by a script over a small model of the account:
/// what ECR holds and which image each ECS service runs. Deployer tests drive it instead of the sandbox: the
/// same orchestration, without a process started.
final class ScriptedPlatform: Sendable {
    static let head = "abc1234"
    static let parent = "0000000"
    static let registry = "123456789012.dkr.ecr.eu-west-1.amazonaws.com"

    struct State {
        /// ECR: repository → tags.
        var tags: [String: Set<String>] = [:]
        /// ECS: service → the tag of each task definition revision, oldest first; it runs the last.
        var revisions: [String: [String]] = [:]
        /// Rollouts that do not end steady: service (or `service@tag`, that tag only) → the rolloutState its new
        /// deployment reports.
        var rollouts: [String: String] = [:]
        /// Actions whose rendered command contains one of these fail with exit 1.
        var failing: [String] = []
        /// What `git diff` says changed between the parent and HEAD.
        var changedPaths: [String] = []
        /// Saved plans by file: the image each service it changes gets.
        var plans: [String: [String: String]] = [:]
    }

    let folder = TemporaryFolder("scripted")
    let services: [String]
    let model: Model
    let runner: FakeRunner

    var root: URL { folder.url.appendingPathComponent("platform") }
    var gitDirectory: URL { root.appendingPathComponent(".git") }

    /// Every service runs `live` (in ECR too).
    init(services: [String] = ["auth", "billing"], live: String = ScriptedPlatform.parent) {
        self.services = services
        var initial = State()
        for service in services {
            initial.tags[service] = [live]
            initial.revisions[service] = [live]
        }
        let state = Model(initial)
        self.model = state
        let root = folder.url.appendingPathComponent("platform")
        runner = FakeRunner { action in Self.answer(action, state: state, root: root, services: services) }
        for service in services { folder.write("platform/services/\(service)/package.json", "{}\n") }
        folder.write("platform/infra/terraform/aws/tfvars/prod.tfvars", "expose_api_docs = true\n")
        for tool in ["git", "terraform", "aws", "docker", "pnpm", "curl"] {
            folder.write("bin/\(tool)", "#!/bin/sh\nexit 99\n", executable: true)
        }
    }

    /// `deploy` with these arguments (`--var-file tfvars/prod.tfvars` is not added), through the one entry point,
    /// answering the prompts with `answers`; returns what it wrote to stdout and stderr and the error it ended with.
    func run(_ arguments: [String], answers: [String] = [], environment extra: [String: String] = [:]) async
        -> (out: String, err: String, error: DeployError?)
    {
        let out = Lines()
        let err = Lines()
        let queue = Mutex(answers)
        let io = DeployIO(
            out: { out.append(OutputLine(.stdout, $0)) }, err: { err.append(OutputLine(.stderr, $0)) },
            stdinIsTerminal: true, readLine: { queue.withLock { $0.isEmpty ? nil : $0.removeFirst() } },
            makeRunner: { [runner] _, _ in runner })
        let environment = ["PATH": folder.url.appendingPathComponent("bin").path, "NO_COLOR": "1", "USER": "ops"]
        let ending = await DeployMain.ending(
            arguments: arguments, environment: environment.merging(extra) { $1 }, directory: root, io: io)
        let text = { (lines: Lines) in lines.all.map(\.text).joined() }
        return (text(out), text(err), ending.error)
    }

    // MARK: What the tests read back

    /// Every command run, as typed, in order.
    var commands: [String] { runner.actions.map(\.rendered) }

    /// The tag each service's ECS service runs now.
    var live: [String: String] { model.withLock { $0.revisions.compactMapValues(\.last) } }

    var history: [HistoryRecord] { HistoryFile(gitDirectory: gitDirectory, workspace: "prod").records() }

    func commands(of tool: String) -> [String] { commands.filter { $0.hasPrefix(tool + " ") } }
}

extension ScriptedPlatform {
    /// The script: each command the way the real tool answers it, over the model.
    static func answer(_ action: Action, state: Model, root: URL, services: [String]) -> RunResult {
        let argv = action.commands.last!.argv
        if state.withLock({ model in model.failing.contains { action.rendered.contains($0) } }) {
            return RunResult(status: .exited(1), tail: ["scripted failure"])
        }
        switch argv[0] {
        case "git": return git(Array(argv.dropFirst()), root: root, state: state)
        case "terraform": return terraform(Array(argv.dropFirst()), services: services, state: state)
        case "aws": return aws(Array(argv.dropFirst()), state: state)
        case "docker": return docker(Array(argv.dropFirst()), state: state)
        case "curl": return .ok("200")
        default: return .ok()
        }
    }

    static func git(_ arguments: [String], root: URL, state: Model) -> RunResult {
        switch arguments.prefix(2) {
        case ["rev-parse", "--show-toplevel"]: return .ok(root.path)
        case ["rev-parse", "--path-format=absolute"]: return .ok(root.appendingPathComponent(".git").path)
        case ["rev-parse", "--short"]: return .ok(head)
        case ["rev-parse", "--verify"]:
            return [head, parent].contains(String(arguments[3].prefix(7))) ? .ok() : .failed()
        case ["merge-base", "--is-ancestor"]:
            return arguments[2] == parent || arguments[2] == arguments[3] ? .ok() : .failed()
        case ["rev-list", "--count"]: return .ok(arguments[2] == "\(parent)..\(head)" ? "1" : "0")
        case ["diff", "--name-only"]: return .ok(state.withLock { $0.changedPaths.joined(separator: "\n") })
        default: return .ok()
        }
    }

    static func terraform(_ arguments: [String], services: [String], state: Model) -> RunResult {
        if arguments == ["version", "-json"] { return .ok(#"{"terraform_version": "1.9.8"}"#) }
        switch arguments.dropFirst().first {
        case "workspace": return .ok("prod")
        case "output": return .ok(outputs(services))
        case "plan":
            let (file, changes) = state.withLock { model in plan(arguments, services: services, in: &model) }
            _ = FileManager.default.createFile(atPath: file, contents: Data("plan".utf8))
            return RunResult(status: .exited(changes.isEmpty ? 0 : 2))
        case "show":
            return .ok(state.withLock { show($0.plans[arguments.last ?? ""] ?? [:]) })
        case "apply":
            state.withLock { model in
                for (service, tag) in model.plans[arguments.last ?? ""] ?? [:] {
                    model.revisions[service, default: []].append(tag)
                }
            }
            return .ok()
        default: return .ok()
        }
    }

    /// `terraform show -json` of a plan: each changed service's task definition replaced, its service updated.
    static func show(_ changes: [String: String]) -> String {
        let rows = changes.keys.sorted().flatMap { service in
            [
                #"{"address": "module.service[\"\#(service)\"].aws_ecs_task_definition.this", "#
                    + #""change": {"actions": ["delete", "create"]}}"#,
                #"{"address": "module.service[\"\#(service)\"].aws_ecs_service.this", "#
                    + #""change": {"actions": ["update"]}}"#,
            ]
        }
        return #"{"resource_changes": [\#(rows.joined(separator: ", "))]}"#
    }

    static func outputs(_ services: [String]) -> String {
        func map(_ pairs: [(String, String)]) -> String {
            "{\"value\": {" + pairs.map { "\"\($0.0)\": \"\($0.1)\"" }.joined(separator: ", ") + "}}"
        }
        let spas = ["admin-ui", "simulator"]
        return """
            {"ecr_repository_urls": \(map(services.map { ($0, "\(registry)/\($0)") })),
             "ecs_cluster_name": {"value": "platform-prod"},
             "ecs_service_names": \(map(services.map { ($0, "prod-\($0)") })),
             "spa_bucket_names": \(map(spas.map { ($0, "platform-prod-\($0)") })),
             "cloudfront_distribution_ids": \(map(spas.map { ($0, "E\($0.prefix(3).uppercased())") })),
             "api_base_url": {"value": "https://api.example.com"}}
            """
    }

    /// What an apply does to ECS: each service it rolls runs a new revision with its tag.
    /// What a plan with these variables and targets changes: the services whose image tag would change.
    static func plan(_ arguments: [String], services: [String], in model: inout State) -> (String, [String: String]) {
        func variable(_ name: String) -> String? {
            arguments.first { $0.hasPrefix(name + "=") }.map { String($0.dropFirst(name.count + 1)) }
        }
        let tag = variable("image_tag") ?? "?"
        let tags = variable("image_tags").flatMap {
            try? JSONDecoder().decode([String: String].self, from: Data($0.utf8))
        }
        let targets = arguments.filter { $0.hasPrefix("-target=") }
        let rolled =
            targets.isEmpty
            ? services : services.filter { service in targets.contains { $0.contains("\"\(service)\"") } }
        var changes: [String: String] = [:]
        for service in rolled {
            let new = tags?[service] ?? tag
            if model.revisions[service]?.last != new { changes[service] = new }
        }
        let file = variable("-out") ?? "?"
        model.plans[file] = changes
        return (file, changes)
    }

    static func aws(_ arguments: [String], state: Model) -> RunResult {
        switch Array(arguments.prefix(2)) {
        case ["sts", "get-caller-identity"]:
            return .ok(#"{"Account": "123456789012", "Arn": "arn:aws:iam::123456789012:user/ops"}"#)
        case ["configure", "get"]: return .ok("eu-west-1")
        case ["ecr", "describe-images"]:
            let repository = arguments[3]
            let tag = String(arguments[5].dropFirst("imageTag=".count))
            let found = state.withLock { $0.tags[repository]?.contains(tag) ?? false }
            return found ? .ok(tag) : .failed("An error occurred (ImageNotFoundException) when calling DescribeImages")
        case ["s3api", "head-object"]: return .failed("An error occurred (404) when calling the HeadObject operation")
        case ["ecs", "describe-services"]: return .ok(state.withLock { describeServices(arguments, $0) })
        case ["ecs", "describe-task-definition"]: return .ok(describeTaskDefinition(arguments[3]))
        default: return .ok()
        }
    }

    static func describeServices(_ arguments: [String], _ model: State) -> String {
        let names = arguments.drop { $0 != "--services" }.dropFirst().prefix { !$0.hasPrefix("--") }
        let rows = names.compactMap { name -> String? in
            let service = String(name.dropFirst("prod-".count))
            guard let revisions = model.revisions[service] else { return nil }
            let tag = revisions.last!
            let arn = "arn:aws:ecs:eu-west-1:123456789012:task-definition/prod-\(service)-\(tag):\(revisions.count)"
            let state = model.rollouts["\(service)@\(tag)"] ?? model.rollouts[service] ?? "COMPLETED"
            return #"{"serviceName": "\#(name)", "status": "ACTIVE", "taskDefinition": "\#(arn)", "deployments": [{"#
                + #""id": "d", "status": "PRIMARY", "taskDefinition": "\#(arn)", "rolloutState": "\#(state)", "#
                + #""rolloutStateReason": "scripted", "runningCount": 1, "desiredCount": 1}]}"#
        }
        return #"{"services": [\#(rows.joined(separator: ", "))]}"#
    }

    /// A revision's ARN names its service and tag, so describing it needs no model.
    static func describeTaskDefinition(_ arn: String) -> String {
        let family = arn.split(separator: "/").last!.split(separator: ":")[0].dropFirst("prod-".count)
        let service = family.split(separator: "-").dropLast().joined(separator: "-")
        let tag = family.split(separator: "-").last!
        return #"{"taskDefinition": {"containerDefinitions": [{"image": "\#(registry)/\#(service):\#(tag)"}]}}"#
    }

    static func docker(_ arguments: [String], state: Model) -> RunResult {
        guard arguments.first == "push", let reference = arguments.last else { return .ok() }
        let (url, tag) = (reference.split(separator: ":")[0], reference.split(separator: ":")[1])
        state.withLock { _ = $0.tags[String(url.split(separator: "/")[1]), default: []].insert(String(tag)) }
        return .ok()
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
