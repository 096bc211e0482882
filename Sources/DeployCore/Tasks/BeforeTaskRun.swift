import Foundation
import Synchronization

/// Runs one task before a roll: reads how the service launches, registers a copy of its task definition with the
/// new image under `<service>-deploy-task`, runs it once with the command, watches it until it stops (stopping it
/// at its timeout, or when the deploy is interrupted), says how it ended with its last log lines, and deregisters
/// the copy however it ended. Its result is a step's: exit 0 lets the deploy go on.
struct BeforeTaskRun: Sendable {
    let runner: any CommandRunner
    let children: ChildRegistry
    /// Who started it, as ECS records it (`deploy-<sha>`).
    var startedBy = "deploy"
    /// Seconds between looks at the task.
    var pause = 3.0

    /// `say` hears each line of progress, as a step's output.
    func run(_ task: BeforeTask, say: @escaping @Sendable (OutputLine) -> Void) async throws(DeployError) -> RunResult {
        let lines = Lines(say)
        let launch = try TaskLaunch.read(
            try await runner.query(AWS.describeServices(cluster: task.cluster, services: [task.ecsName])),
            service: task.ecsName, cluster: task.cluster)
        let definition = try await runner.query(AWS.describeTaskDefinition(launch.taskDefinition))
        let copy = try TaskDefinitionCopy.make(
            definition, family: "\(task.ecsName)-deploy-task", repositoryURL: task.repositoryURL, image: task.image)
        let registered = try await register(copy)
        lines.add(
            "registered \(RolloutJudge.revision(registered)): \(RolloutJudge.revision(launch.taskDefinition)) "
                + "with \(task.image)")
        let ended = await outcome { () async throws(DeployError) -> RunResult in
            let started = try await start(task, registered, copy.container, launch)
            lines.add("started task \(Self.id(started)) in \(task.cluster): \(task.command.joined(separator: " "))")
            let stopped = try await watch(task, started, lines)
            return await ending(stopped, container: copy.container, definition: definition, lines)
        }
        await children.cleanup {
            _ = try? await runner.query(AWS.deregisterTaskDefinition(registered))
            lines.add("deregistered \(RolloutJudge.revision(registered))")
        }
        var ran = try ended.get()
        ran.tail = lines.last(20)
        return ran
    }

    private func register(_ copy: TaskDefinitionCopy) async throws(DeployError) -> String {
        let file = DeployFolder.scratch("tasks").appendingPathComponent("task-definition-\(UUID().uuidString).json")
        guard
            FileManager.default.createFile(
                atPath: file.path, contents: copy.input, attributes: [.posixPermissions: 0o600])
        else { throw .configuration("could not write \(file.path) for register-task-definition") }
        defer { try? FileManager.default.removeItem(at: file) }
        let answer = try await runner.query(AWS.registerTaskDefinition(inputFile: file.path))
        let object = (try? JSONSerialization.jsonObject(with: answer)) as? [String: Any]
        guard let arn = (object?["taskDefinition"] as? [String: Any])?["taskDefinitionArn"] as? String else {
            throw .configuration("`aws ecs register-task-definition` did not print the new revision's ARN")
        }
        return arn
    }

    private func start(_ task: BeforeTask, _ definition: String, _ container: String, _ launch: TaskLaunch)
        async throws(DeployError) -> String
    {
        let command = AWS.runTask(
            cluster: task.cluster, taskDefinition: definition, container: container, command: task.command,
            launch: launch.arguments, startedBy: startedBy)
        let object = (try? JSONSerialization.jsonObject(with: try await runner.query(command))) as? [String: Any]
        guard let arn = ((object?["tasks"] as? [[String: Any]])?.first)?["taskArn"] as? String else {
            let failures = ((object?["failures"] as? [[String: Any]]) ?? []).compactMap { $0["reason"] as? String }
            throw .refused(
                "ECS did not start the task before \(task.service)'s roll"
                    + (failures.isEmpty ? "" : " (\(failures.joined(separator: "; ")))") + "; nothing was rolled")
        }
        return arn
    }

    /// Looks until it stops: at its timeout, or when the deploy is interrupted, it is stopped first.
    private func watch(_ task: BeforeTask, _ arn: String, _ lines: Lines) async throws(DeployError) -> [String: Any] {
        let began = Date()
        var (last, stopping, looks) = ("", false, 0)
        while true {
            looks += 1
            let answer = try? await runner.query(AWS.describeTasks(cluster: task.cluster, tasks: [arn]))
            let described = answer.flatMap { (try? JSONSerialization.jsonObject(with: $0)) as? [String: Any] }
            let found = (described?["tasks"] as? [[String: Any]])?.first
            let status = found?["lastStatus"] as? String ?? "unknown"
            if status != last { lines.add("task \(Self.id(arn)): \(status)") }
            last = status
            if status == "STOPPED", let found { return found }
            if let signal = children.interruption {
                await stop(task, arn, "deploy was interrupted by \(SignalName.of(signal))", lines)
                throw .interrupted(signal: signal)
            }
            if !stopping && Date().timeIntervalSince(began) > task.timeout {
                stopping = true
                await stop(task, arn, "deploy: past its timeout of \(WaitTime.text(task.timeout))", lines)
            }
            // A short task is seen to end soon: the first looks come sooner.
            try? await Task.sleep(for: .seconds(min(pause, Double(looks))))
        }
    }

    private func stop(_ task: BeforeTask, _ arn: String, _ reason: String, _ lines: Lines) async {
        lines.add("stopping task \(Self.id(arn)): \(reason)")
        await children.cleanup {
            _ = try? await runner.query(AWS.stopTask(cluster: task.cluster, task: arn, reason: reason))
        }
    }

    /// Exit 0 of its container: done. Anything else: why it stopped, its exit code and last log lines.
    private func ending(_ stopped: [String: Any], container: String, definition: Data, _ lines: Lines) async
        -> RunResult
    {
        let data = (try? JSONSerialization.data(withJSONObject: ["tasks": [stopped]])) ?? Data()
        let details = TaskDocuments.details(definition)
        let tasks = await Diagnoser(runner: runner).withLogs(TaskDocuments.tasks(data), details)
        guard let task = tasks.first, let app = task.containers.first(where: { $0.name == container }) else {
            lines.add("ECS did not say how the task ended")
            return RunResult(status: .exited(1))
        }
        let why = [task.stopCode, task.stoppedReason].compactMap { $0 }.joined(separator: ": ")
        lines.add(
            "task \(task.id) stopped (\(Inert.field(why, limit: 300))): \(container) "
                + (app.exitCode.map { "exited with \($0)" }
                    ?? (task.stopCode == "UserInitiated" ? "was stopped" : "did not run"))
                + (app.reason.map { " (\($0))" } ?? ""))
        if app.exitCode != 0 {
            for line in app.logs?.suffix(20) ?? [] { lines.add("  | " + Inert.field(line, limit: 400)) }
            if let note = app.logNote { lines.add("  no log lines: \(note)") }
        }
        return RunResult(status: .exited(Int32(clamping: app.exitCode ?? 1)))
    }

    static func id(_ arn: String) -> String { arn.split(separator: "/").last.map(String.init) ?? arn }

    /// The lines said so far, each also passed on as output.
    final class Lines: Sendable {
        private let said = Mutex<[String]>([])
        private let pass: @Sendable (OutputLine) -> Void

        init(_ pass: @escaping @Sendable (OutputLine) -> Void) { self.pass = pass }

        func add(_ line: String) {
            said.withLock { $0.append(line) }
            pass(OutputLine(.stdout, line))
        }

        func last(_ count: Int) -> [String] { said.withLock { Array($0.suffix(count)) } }
    }
}
