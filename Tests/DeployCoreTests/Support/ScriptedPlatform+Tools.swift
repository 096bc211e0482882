import Foundation

@testable import DeployCore

/// The script: each command the way the real tool answers it, over the model.
extension ScriptedPlatform {
    static func answer(_ action: Action, state: Model, root: URL, services: [String], bucket: FakeBucket?)
        -> RunResult
    {
        let argv = action.commands.last!.argv
        if let failure = scriptedFailure(action.rendered, state) { return failure }
        if let interrupted = interrupting(action.rendered, state) { return interrupted }
        if argv[0] == "aws", state.withLock(\.sessionEnded) {
            return RunResult(
                status: .exited(254),
                tail: [
                    "An error occurred (ExpiredTokenException) when calling the \(argv.count > 2 ? argv[2] : "") "
                        + "operation: The security token included in the request is expired"
                ])
        }
        defer {
            state.withLock { model in
                if let after = model.sessionEndsAfter, action.rendered.contains(after) { model.sessionEnded = true }
            }
        }
        if let bucket, argv[0] == "aws", action.rendered.contains(bucketName) {
            return bucket.answer(Array(argv.dropFirst()))
        }
        switch argv[0] {
        case "git": return git(Array(argv.dropFirst()), root: root, state: state)
        case "terraform":
            return terraform(
                Array(argv.dropFirst()), services: services, state: state,
                workspace: action.commands.last!.environment["TF_WORKSPACE"])
        case "skopeo": return skopeo(Array(argv.dropFirst()), state: state)
        case "aws": return aws(Array(argv.dropFirst()), state: state)
        case "docker": return docker(Array(argv.dropFirst()), state: state)
        case "curl": return curl(argv.last ?? "", state: state)
        default: return .ok()
        }
    }

    /// A failure the test asked for: for good, or once with what it says.
    static func scriptedFailure(_ rendered: String, _ state: Model) -> RunResult? {
        state.withLock { model in
            if model.failing.contains(where: rendered.contains) {
                return RunResult(status: .exited(1), tail: ["scripted failure"])
            }
            guard let key = model.failingOnce.keys.first(where: rendered.contains) else { return nil }
            let said = model.failingOnce.removeValue(forKey: key) ?? ""
            return RunResult(status: .exited(1), tail: [said])
        }
    }

    /// A Ctrl-C while this command runs: it dies of the signal, which the registry records.
    static func interrupting(_ rendered: String, _ state: Model) -> RunResult? {
        let children = state.withLock { model -> ChildRegistry? in
            guard let needle = model.interruptOn, needle != "question", rendered.contains(needle) else { return nil }
            model.interruptOn = nil
            return model.children
        }
        guard let children else { return nil }
        children.interrupt(with: SIGINT)
        return RunResult(status: .signaled(SIGINT))
    }

    static func git(_ arguments: [String], root: URL, state: Model) -> RunResult {
        if state.withLock(\.notARepository) {
            return .failed("fatal: not a git repository (or any of the parent directories): .git")
        }
        switch arguments.prefix(2) {
        case ["rev-parse", "--show-toplevel"]: return .ok(root.path)
        case ["rev-parse", "--path-format=absolute"]: return .ok(root.appendingPathComponent(".git").path)
        case ["rev-parse", "--short"]:
            guard !state.withLock(\.noCommits) else {
                return .failed("fatal: ambiguous argument 'HEAD': unknown revision or path not in the working tree.")
            }
            return .ok(head)
        case ["rev-parse", "--verify"]:
            return [head, parent].contains(String(arguments[3].prefix(7))) ? .ok() : .failed()
        case ["merge-base", "--is-ancestor"]:
            return arguments[2] == parent || arguments[2] == arguments[3] ? .ok() : .failed()
        case ["rev-list", "--count"]: return .ok(arguments[2] == "\(parent)..\(head)" ? "1" : "0")
        case ["diff", "--name-only"]: return .ok(state.withLock { $0.changedPaths.joined(separator: "\n") })
        case ["status", "--porcelain"]: return .ok(state.withLock { $0.uncommitted.map { " M \($0)\n" }.joined() })
        default: return .ok()
        }
    }

    /// `skopeo copy ... docker://<registry>/<repository>:<tag> docker://<registry>/<repository>:<tag>`: the target
    /// repository holds the tag, as the source's digest (or `copiesAs`).
    static func skopeo(_ arguments: [String], state: Model) -> RunResult {
        guard arguments.first == "copy", let target = arguments.last, let source = arguments.dropLast().last else {
            return .ok()
        }
        func parts(_ reference: String) -> (String, String) {
            let path = reference.dropFirst("docker://".count).split(separator: "/").dropFirst().joined(separator: "/")
            return (String(path.split(separator: ":")[0]), String(path.split(separator: ":")[1]))
        }
        let ((from, tag), (into, _)) = (parts(source), parts(target))
        state.withLock { model in
            model.tags[into, default: []].insert(tag)
            model.digests["\(into):\(tag)"] = model.copiesAs[into] ?? model.digests["\(from):\(tag)"]
        }
        return .ok()
    }

    static func terraform(_ arguments: [String], services: [String], state: Model, workspace: String? = nil)
        -> RunResult
    {
        if arguments == ["version", "-json"] {
            return .ok(#"{"terraform_version": "\#(state.withLock(\.terraformVersion))"}"#)
        }
        switch arguments.dropFirst().first {
        case "workspace": return .ok(state.withLock(\.workspace))
        case "output":
            let environment = workspace ?? state.withLock(\.workspace)
            return .ok(outputs(services, bucket: state.withLock(\.hasBucket), environment: environment))
        case "plan":
            let (file, changes, others) = state.withLock { model in plan(arguments, services: services, in: &model) }
            _ = FileManager.default.createFile(atPath: file, contents: Data("plan".utf8))
            return RunResult(status: .exited(changes.isEmpty && others.isEmpty ? 0 : 2))
        case "show":
            return .ok(state.withLock { show($0.plans[arguments.last ?? ""] ?? [:], others: $0.otherChanges) })
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

    /// `terraform show -json` of a plan: each changed service's task definition replaced, its service updated, and
    /// the other resources it changes.
    static func show(_ changes: [String: String], others: [String: String] = [:]) -> String {
        let services = changes.keys.sorted().flatMap { service in
            [
                #"{"address": "module.service[\"\#(service)\"].aws_ecs_task_definition.this", "#
                    + #""change": {"actions": ["delete", "create"]}}"#,
                #"{"address": "module.service[\"\#(service)\"].aws_ecs_service.this", "#
                    + #""change": {"actions": ["update"]}}"#,
            ]
        }
        let rest = others.keys.sorted().map { #"{"address": "\#($0)", "change": {"actions": ["\#(others[$0]!)"]}}"# }
        return #"{"resource_changes": [\#((services + rest).joined(separator: ", "))]}"#
    }

    /// terraform's outputs in `environment`: prod's services and repositories are named after the service alone,
    /// another environment's `<environment>-<service>`.
    static func outputs(_ services: [String], bucket: Bool = false, environment: String = "prod") -> String {
        let prefix = environment == "prod" ? "" : "\(environment)-"
        func map(_ pairs: [(String, String)]) -> String {
            "{\"value\": {" + pairs.map { "\"\($0.0)\": \"\($0.1)\"" }.joined(separator: ", ") + "}}"
        }
        let spas = ["admin-ui", "simulator"]
        return """
            {"ecr_repository_urls": \(map(services.map { ($0, "\(registry)/\(prefix)\($0)") })),
             "ecs_cluster_name": {"value": "platform-\(environment)"},
             "ecs_service_names": \(map(services.map { ($0, environment == "prod" ? "prod-\($0)" : prefix + $0) })),
             "spa_bucket_names": \(map(spas.map { ($0, "platform-prod-\($0)") })),
             "cloudfront_distribution_ids": \(map(spas.map { ($0, "E\($0.prefix(3).uppercased())") })),
             "api_base_url": {"value": "https://api.example.com"}\(bucket ? #", "deploy_bucket": {"value": "\#(bucketName)"}"# : "")}
            """
    }

    /// What a plan with these variables and targets changes: the services whose image tag would change, and the
    /// other resources of a full plan.
    static func plan(_ arguments: [String], services: [String], in model: inout State)
        -> (String, [String: String], [String: String])
    {
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
        return (file, changes, targets.isEmpty ? model.otherChanges : [:])
    }

    static func docker(_ arguments: [String], state: Model) -> RunResult {
        guard arguments.first == "push", let reference = arguments.last else { return .ok() }
        let (url, tag) = (reference.split(separator: ":")[0], reference.split(separator: ":")[1])
        let repository = String(url.split(separator: "/")[1])
        state.withLock { _ = $0.tags[repository, default: []].insert(String(tag)) }
        return RunResult(status: .exited(0), tail: ["\(tag): digest: \(digest(repository, String(tag))) size: 1"])
    }

    static func curl(_ url: String, state: Model) -> RunResult {
        let service = url.split(separator: "/").dropLast().last.map(String.init) ?? ""
        return .ok(String(state.withLock { $0.health[service] } ?? 200))
    }
}
