import Foundation

/// A throw-away platform to deploy into: `sandbox/up.sh` makes the git repo, starts moto_server and seeds
/// it, and puts the docker and pnpm stubs on PATH. The helpers read outcomes back from the emulator,
/// terraform's state, git and the stubs' logs.
final class Sandbox {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The `deploy` executable built beside the test bundle (or named by DEPLOY_BINARY).
    static let deployBinary: String = {
        if let path = ProcessInfo.processInfo.environment["DEPLOY_BINARY"] { return path }
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
            "deploy")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside.path }
        return packageRoot.appendingPathComponent(".build/debug/deploy").path
    }()

    let folder = TemporaryFolder("sandbox")
    let environment: [String: String]
    var platform: URL { folder.url.appendingPathComponent("platform") }
    var terraformDir: URL { platform.appendingPathComponent("infra/terraform/aws") }

    /// The servers every sandbox of this test run shares, each started once, and stopped when the run ends: the
    /// aws server (`sandbox/aws_server.py`: it imports the aws CLI once, and each call brings its own environment)
    /// and the moto zygote (`sandbox/moto_zygote.py`: it imports moto once, and forks each sandbox its own emulator).
    static let shared: [String: String] = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("deploy-servers-\(getpid())")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let python = Shell.run(["python3", "-c", "import sys; print(sys.executable)"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        // Their warm-up calls fail at once, against no endpoint: only what they import matters.
        let quiet = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "AWS_ACCESS_KEY_ID": "x",
            "AWS_SECRET_ACCESS_KEY": "x", "AWS_DEFAULT_REGION": "us-east-1", "AWS_MAX_ATTEMPTS": "1",
            "AWS_ENDPOINT_URL": "http://127.0.0.1:9", "AWS_CONFIG_FILE": "/dev/null",
            "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
        ]
        var found: [String: String] = [:]
        for (variable, server) in [("SANDBOX_AWS_SOCKET", "aws_server"), ("SANDBOX_MOTO_ZYGOTE", "moto_zygote")] {
            let socket = folder.appendingPathComponent("\(server).sock").path
            let script = packageRoot.appendingPathComponent("sandbox/\(server).py").path
            let started = Shell.run(
                [
                    python, packageRoot.appendingPathComponent("sandbox/start_server.py").path,
                    folder.appendingPathComponent("\(server).pid").path,
                    folder.appendingPathComponent("\(server).log").path, "--wait-for", socket, python, script, socket,
                    "--owner", String(getpid()),
                ], environment: quiet)
            if started.status == 0 { found[variable] = socket }
        }
        return found
    }()

    /// `engine`: `real` (as root) runs a real dockerd and registry in place of the docker stub (`sandbox/engine`).
    init(services: Int = 9, engine: String = "stub") throws {
        let up = Shell.run(
            ["bash", Self.packageRoot.appendingPathComponent("sandbox/up.sh").path, folder.path, String(services)],
            environment: ProcessInfo.processInfo.environment.merging(Self.shared) { $1 }.merging([
                "SANDBOX_ENGINE": engine
            ]) { $1 })
        guard up.status == 0 else { throw SandboxError(message: "sandbox/up.sh failed: \(up.stderr)") }
        let lines = try String(contentsOf: folder.url.appendingPathComponent("env"), encoding: .utf8).split(
            separator: "\n")
        var environment = ProcessInfo.processInfo.environment
        for line in lines {
            let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            environment[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        environment.removeValue(forKey: "NO_COLOR")
        // The suite itself may run in CI; each test says when deploy runs in one.
        for key in environment.keys where key == "CI" || key.hasPrefix("GITHUB_") || key.hasPrefix("RUNNER_") {
            environment.removeValue(forKey: key)
        }
        self.environment = environment
    }

    deinit {
        _ = Shell.run(["bash", Self.packageRoot.appendingPathComponent("sandbox/down.sh").path, folder.path])
    }

    // MARK: Running things

    func deploy(
        _ arguments: [String], input: String = "", environment overrides: [String: String?] = [:], in clone: URL? = nil
    ) -> Shell.Result {
        Shell.run(
            [Self.deployBinary] + arguments, environment: environment(overrides), directory: clone ?? platform,
            input: input)
    }

    /// `deploy` with a terminal for its standard input (`sandbox/on_terminal.py`), typing each reply once its question
    /// (the needle) has appeared.
    func deployOnTerminal(
        _ arguments: [String], answering answers: [(String, String)] = [], signalling signals: [(String, String)] = [],
        environment overrides: [String: String?] = [:], in clone: URL? = nil
    ) -> Shell.Result {
        let helper = Self.packageRoot.appendingPathComponent("sandbox/on_terminal.py").path
        let options = answers.flatMap { ["--answer", $0.0, $0.1] } + signals.flatMap { ["--signal", $0.0, $0.1] }
        let run = Shell.run(
            ["python3", helper] + options + ["--", Self.deployBinary] + arguments, environment: environment(overrides),
            directory: clone ?? platform)
        let result = (try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8))) as? [String: Any] ?? [:]
        return Shell.Result(
            status: Int32(result["status"] as? Int ?? -1), stdout: result["stdout"] as? String ?? "",
            stderr: (result["stderr"] as? String ?? "") + run.stderr)
    }

    /// `deploy` left running (in `clone`, or the platform checkout) while the test goes on.
    func startDeploy(_ arguments: [String], environment overrides: [String: String?] = [:], in clone: URL? = nil)
        -> Shell.Background
    {
        Shell.Background(
            [Self.deployBinary] + arguments, environment: environment(overrides), directory: clone ?? platform)
    }

    func environment(_ overrides: [String: String?]) -> [String: String] {
        var environment = self.environment
        for (key, value) in overrides { environment[key] = value }
        return environment
    }

    /// Another operator's checkout of the platform (`sandbox/clone.sh`): its own git folder, the same emulator
    /// and terraform state.
    func clone(_ name: String) throws -> URL {
        let made = Shell.run(
            ["bash", Self.packageRoot.appendingPathComponent("sandbox/clone.sh").path, folder.path, name],
            environment: environment)
        guard made.status == 0 else { throw SandboxError(message: "sandbox/clone.sh failed: \(made.stderr)") }
        return folder.url.appendingPathComponent(name)
    }

    /// The deploy bucket's objects under `deploy/sandbox/`, and the body of one.
    var sharedKeys: Set<String> { bucketKeys("platform-sandbox-deploy") }

    func sharedObject(_ key: String) -> [String: Any]? {
        let result = Shell.run(
            ["aws", "s3", "cp", "s3://platform-sandbox-deploy/\(key)", "-"], environment: environment)
        return (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any]
    }

    func aws(_ arguments: [String]) -> Any {
        let result = Shell.run(["aws"] + arguments + ["--output", "json"], environment: environment)
        guard result.status == 0 else { return ["error": result.stderr] }
        return (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) ?? [:]
    }

    func git(_ arguments: [String]) -> String {
        Shell.run(["git", "-C", platform.path] + arguments, environment: environment).stdout.trimmingCharacters(
            in: .whitespacesAndNewlines)
    }

    func commit(_ path: String, _ text: String) {
        folder.write("platform/\(path)", text)
        _ = git(["add", "-A"])
        _ = git([
            "-c", "user.name=sandbox", "-c", "user.email=sandbox@example.invalid", "commit", "-qm", "change \(path)",
        ])
    }

    /// Replaces the faults the stubs, the rollout layer and the health server play (see their headers).
    func fault(_ lines: String...) {
        folder.write("faults", lines.map { $0 + "\n" }.joined())
    }

    /// The pid of one of the sandbox's servers (moto, health, aws), as its pid file says.
    func serverPID(_ server: String) -> String? {
        (try? String(contentsOf: folder.url.appendingPathComponent("\(server).pid"), encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: Reading outcomes back

    var head: String { git(["rev-parse", "--short", "HEAD"]) }

    var services: [String] {
        ((try? String(contentsOf: terraformDir.appendingPathComponent("tfvars/sandbox.tfvars"), encoding: .utf8)) ?? "")
            .split(separator: "\n").first { $0.hasPrefix("services") }
            .map { $0.split(separator: "\"").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) } }
            ?? []
    }

    func repositoryURL(_ service: String) -> String { "123456789012.dkr.ecr.us-east-1.amazonaws.com/\(service)" }

    /// Everything the emulator holds that a test asserts on, read in one call (`sandbox/snapshot.py`).
    struct Snapshot {
        /// ECS service name → image.
        var live: [String: String]
        var tags: [String: Set<String>]
        /// ECR repository → tag → the digest it points at.
        var digests: [String: [String: String]]
        var buckets: [String: Set<String>]
        var invalidations: [String: Int]

        /// The image a platform service runs (its ECS service is `sandbox-<name>`).
        func image(_ service: String) -> String { live["sandbox-\(service)"] ?? "?" }
    }

    func snapshot() -> Snapshot {
        let result = Shell.run(
            ["python3", Self.packageRoot.appendingPathComponent("sandbox/snapshot.py").path], environment: environment)
        let json = ((try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any]) ?? [:]
        func sets(_ key: String) -> [String: Set<String>] {
            ((json[key] as? [String: [String]]) ?? [:]).mapValues(Set.init)
        }
        return Snapshot(
            live: (json["live"] as? [String: String]) ?? [:], tags: sets("tags"),
            digests: (json["digests"] as? [String: [String: String]]) ?? [:], buckets: sets("buckets"),
            invalidations: (json["invalidations"] as? [String: Int]) ?? [:])
    }

    func liveImage(_ service: String) -> String { snapshot().image(service) }

    /// Another environment in the same emulator, for `deploy promote` (`sandbox/add-environment.sh`): its
    /// repositories and ECS services are `<name>-<service>`, its var-file `tfvars/<name>.tfvars`.
    func addEnvironment(_ name: String) throws {
        let added = Shell.run(
            ["bash", Self.packageRoot.appendingPathComponent("sandbox/add-environment.sh").path, folder.path, name],
            environment: environment)
        guard added.status == 0 else {
            throw SandboxError(message: "sandbox/add-environment.sh failed: \(added.stderr)")
        }
    }

    /// `terraform workspace select <name>` in the platform's terraform folder.
    func selectWorkspace(_ name: String) {
        _ = Shell.run(
            ["terraform", "-chdir=\(terraformDir.path)", "workspace", "select", name], environment: environment)
    }

    func imageTags(_ repository: String) -> Set<String> { snapshot().tags[repository] ?? [] }

    func bucketKeys(_ bucket: String) -> Set<String> { snapshot().buckets[bucket] ?? [] }

    func invalidationCount(_ spa: String) -> Int { snapshot().invalidations[distributionID(spa)] ?? 0 }

    func distributionID(_ spa: String) -> String {
        let tfvars =
            (try? String(contentsOf: terraformDir.appendingPathComponent("tfvars/sandbox.tfvars"), encoding: .utf8))
            ?? ""
        let line = tfvars.split(separator: "\n").first { $0.hasPrefix("cloudfront_distribution_ids") } ?? ""
        let parts = line.split(separator: "\"").map(String.init)
        return parts.firstIndex(of: spa).map { parts[$0 + 2] } ?? "?"
    }

    /// Points a service at another image directly in ECS, as a hand-made change would.
    func setLiveImage(_ service: String, _ image: String) {
        let family = "sandbox-\(service)"
        // The whole definition (roles, network, secrets), as terraform would render it with that image.
        let input = folder.write(
            "set-live-\(service).json", Shell.run(["task-definition", family, image], environment: environment).stdout)
        let registered =
            aws(["ecs", "register-task-definition", "--cli-input-json", "file://\(input.path)"]) as? [String: Any]
        let arn = ((registered?["taskDefinition"] as? [String: Any])?["taskDefinitionArn"] as? String) ?? "?"
        _ = aws([
            "ecs", "update-service", "--cluster", "platform-sandbox", "--service", family, "--task-definition", arn,
        ])
    }

    /// Each terraform resource's state, by address, to compare before and after.
    var terraformInstances: [String: String] {
        var instances: [String: String] = [:]
        for resource in (terraformState["resources"] as? [[String: Any]]) ?? [] {
            let module = (resource["module"] as? String).map { $0 + "." } ?? ""
            let address = "\(module)\(resource["type"] as? String ?? "").\(resource["name"] as? String ?? "")"
            let data =
                (try? JSONSerialization.data(withJSONObject: resource["instances"] ?? [], options: .sortedKeys))
                ?? Data()
            instances[address] = String(decoding: data, as: UTF8.self)
        }
        return instances
    }

    /// terraform's state file as JSON (shared by every clone, outside them): its serial changes with every apply
    /// that writes it.
    var terraformState: [String: Any] {
        let file = folder.url.appendingPathComponent("tfstate/sandbox/terraform.tfstate")
        let data = FileManager.default.contents(atPath: file.path) ?? Data()
        return ((try? JSONSerialization.jsonObject(with: data)) as? [String: Any]) ?? [:]
    }

    var terraformSerial: Int { (terraformState["serial"] as? Int) ?? -1 }

    /// Resource addresses in terraform's state, such as `module.service["auth"].terraform_data.service`.
    var terraformResources: [String] {
        ((terraformState["resources"] as? [[String: Any]]) ?? []).map { resource in
            let module = (resource["module"] as? String).map { $0 + "." } ?? ""
            return "\(module)\(resource["type"] as? String ?? "").\(resource["name"] as? String ?? "")"
        }
    }

    /// The argv of every call a stub recorded, in order.
    func calls(_ tool: String) -> [[String]] {
        let text =
            (try? String(contentsOf: folder.url.appendingPathComponent("log/\(tool).jsonl"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap {
            ((try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any])?["argv"] as? [String]
        }
    }

    /// The docker calls that do work: every one but the probes (`docker version`, `docker --version`).
    var dockerWork: [[String]] { calls("docker").filter { $0.count < 2 || !["version", "--version"].contains($0[1]) } }

    /// The registry password the emulator hands out (read here only to prove it leaks nowhere).
    var registryPassword: String {
        Shell.run(["aws", "ecr", "get-login-password"], environment: environment).stdout.trimmingCharacters(
            in: .whitespacesAndNewlines)
    }

    var dockerLogins: String {
        (try? String(contentsOf: folder.url.appendingPathComponent("docker/logins"), encoding: .utf8)) ?? ""
    }

    /// The paths the health server was asked for, in order.
    var healthRequests: [String] {
        let text =
            (try? String(contentsOf: folder.url.appendingPathComponent("log/health.jsonl"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap {
            ((try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any])?["path"] as? String
        }
    }

    /// The deploy history of the sandbox workspace, as `deploy` wrote it (oldest first).
    var history: [[String: Any]] {
        let text =
            (try? String(
                contentsOf: platform.appendingPathComponent(".git/deploy/history-sandbox.jsonl"), encoding: .utf8))
            ?? ""
        return text.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
    }

    var dockerLogText: String {
        (try? String(contentsOf: folder.url.appendingPathComponent("log/docker.jsonl"), encoding: .utf8)) ?? ""
    }
}

struct SandboxError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

extension Sandbox {
    /// What an operator's terminal shows after `deploy` ran on it (`sandbox/screen.py`): the final screen and the
    /// scrollback above it, as a terminal emulator drew them.
    struct Screen {
        var status: Int32
        var screen: [String]
        var scrollback: [String]

        /// Every line the operator can scroll through, top to bottom.
        var all: [String] { scrollback + screen }
    }

    func deployOnScreen(
        _ arguments: [String], columns: Int = 100, rows: Int = 30, environment overrides: [String: String?] = [:]
    ) -> Screen {
        let helper = Self.packageRoot.appendingPathComponent("sandbox/screen.py").path
        let run = Shell.run(
            ["python3", helper, String(columns), String(rows), "--", Self.deployBinary] + arguments,
            environment: environment(overrides), directory: platform)
        let result = (try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8))) as? [String: Any] ?? [:]
        return Screen(
            status: Int32(result["status"] as? Int ?? -1), screen: result["screen"] as? [String] ?? [run.stderr],
            scrollback: result["scrollback"] as? [String] ?? [])
    }
}
