import Foundation

/// Reads why a rollout failed (`RolloutDiagnosis`), only ever after a failure or while tasks fail: a healthy
/// deploy makes none of these calls. A read that fails becomes a note: a diagnosis never fails a deploy further.
struct Diagnoser: Sendable {
    let runner: any CommandRunner
    var eventLimit = 10
    var taskLimit = 3
    var logLimit = 20
    /// ECS's clock and this machine's may differ by a little: events this much before the apply still count.
    var skew = 5.0

    /// The new revision's stopped tasks, most recent first: `list-tasks`, then `describe-tasks` (at most 100
    /// per call).
    func stoppedTasks(cluster: String, ecsName: String, revision: String) async throws(DeployError) -> [StoppedTask] {
        let arns = TaskDocuments.taskArns(
            try await runner.query(AWS.listStoppedTasks(cluster: cluster, service: ecsName)))
        let batches = AWS.taskBatches(arns)
        let described = try await concurrentMap(batches, limit: 4) { [runner] (batch) throws(DeployError) in
            TaskDocuments.tasks(try await runner.query(AWS.describeTasks(cluster: cluster, tasks: batch)))
        }
        return described.flatMap { $0 }.filter { $0.taskDefinition == revision }.sorted(by: FailFast.mostRecentFirst)
    }

    func details(_ revision: String) async throws(DeployError) -> TaskDefinitionDetails? {
        TaskDocuments.details(try await runner.query(AWS.describeTaskDefinition(revision)))
    }

    /// One service's diagnosis: `service` is ECS's last answer about it, `revision` the new task definition
    /// (nil when no deployment runs the new image), `since` when the apply began.
    func diagnose(cluster: String, ecsName: String, service: ECSService?, revision: String?, since: Date) async
        -> RolloutDiagnosis
    {
        var diagnosis = RolloutDiagnosis(events: eventLines(service, since: since))
        guard let revision else {
            diagnosis.notes.append("no deployment runs the new image, so there are no tasks of it to read")
            return diagnosis
        }
        async let described = outcome { () async throws(DeployError) in try await details(revision) }
        switch await outcome({ () async throws(DeployError) in
            try await stoppedTasks(cluster: cluster, ecsName: ecsName, revision: revision)
        }) {
        case .failure(let error): diagnosis.notes.append("could not read the stopped tasks: \(Self.said(error))")
        case .success(let tasks):
            diagnosis.tasks = Array(tasks.prefix(taskLimit))
            if tasks.isEmpty {
                diagnosis.notes.append(
                    "no stopped task of \(RolloutJudge.revision(revision)) (ECS forgets them after about an hour)")
            }
        }
        let definition = await described
        if case .failure(let error) = definition {
            diagnosis.notes.append("could not read \(RolloutJudge.revision(revision)): \(Self.said(error))")
        }
        diagnosis.tasks = await withLogs(diagnosis.tasks, (try? definition.get()) ?? nil)
        return diagnosis
    }

    /// ECS's events about the service since the apply, oldest first, at most `eventLimit`.
    func eventLines(_ service: ECSService?, since: Date) -> [String] {
        let recent = (service?.events ?? []).filter { ($0.at ?? .distantPast) >= since.addingTimeInterval(-skew) }
        return recent.sorted { ($0.at ?? .distantPast) < ($1.at ?? .distantPast) }.suffix(eventLimit).map {
            ($0.at.map(ECSDocuments.clock) ?? "--:--:--") + " " + $0.message
        }
    }

    /// Each container's last log lines, read at once across the tasks.
    func withLogs(_ tasks: [StoppedTask], _ details: TaskDefinitionDetails?) async -> [StoppedTask] {
        let places = tasks.indices.flatMap { task in tasks[task].containers.indices.map { (task, $0) } }
        let read = await concurrentMap(places, limit: 4) { (place) -> StoppedTask.Container in
            let (task, index) = place
            return await logs(tasks[task].containers[index], task: tasks[task].id, details)
        }
        var tasks = tasks
        for (place, container) in zip(places, read) { tasks[place.0].containers[place.1] = container }
        return tasks
    }

    private func logs(_ container: StoppedTask.Container, task: String, _ details: TaskDefinitionDetails?) async
        -> StoppedTask.Container
    {
        var container = container
        guard let logs = details?.container(container.name)?.logs else {
            container.logNote = details == nil ? "its task definition could not be read" : "no awslogs log driver"
            return container
        }
        guard let prefix = logs.streamPrefix else {
            container.logNote = "awslogs without a stream prefix: its stream cannot be named"
            return container
        }
        let stream = "\(prefix)/\(container.name)/\(task)"
        let command = AWS.lastLogEvents(group: logs.group, stream: stream, region: logs.region, limit: logLimit)
        switch await outcome({ () async throws(DeployError) in try await runner.query(command) }) {
        case .success(let answer): container.logs = TaskDocuments.logLines(answer)
        case .failure(let error):
            let missing = error.output.contains { $0.contains("ResourceNotFoundException") }
            container.logNote =
                missing
                ? "no log stream \(stream) in \(logs.group)"
                : "could not read \(logs.group) \(stream): \(Self.said(error))"
        }
        return container
    }

    private static func said(_ error: DeployError) -> String {
        error.output.last(where: { !$0.isEmpty }) ?? error.message
    }
}
