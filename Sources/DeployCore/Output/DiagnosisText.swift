/// A failed rollout's diagnosis as the operator reads it under the failure (and `deploy history --show`
/// prints it again): ECS's events, then each stopped task with its containers and their last log lines. All of it is
/// what AWS (or a history record's writer) said: shown inert, a line each.
enum DiagnosisText {
    static func lines(_ diagnosis: RolloutDiagnosis) -> [String] {
        var lines: [String] = []
        if !diagnosis.events.isEmpty {
            lines.append("ECS events since the apply:")
            lines += diagnosis.events.prefix(20).map { "  " + Inert.field($0, limit: 400) }
        }
        // Tasks of one revision often die the same way: lines already shown are not shown again.
        var shown: [[String]: String] = [:]
        for task in diagnosis.tasks.prefix(5) {
            let when = task.stoppedDate.map { " at " + ECSDocuments.clock($0) } ?? ""
            let why = Inert.field(
                [task.stopCode, task.stoppedReason].compactMap { $0 }.joined(separator: ": "), limit: 300)
            let revision = Inert.field(RolloutJudge.revision(task.taskDefinition), limit: 120)
            lines.append("task \(Inert.field(task.id, limit: 80)) of \(revision) stopped\(when): \(why)")
            for container in task.containers.prefix(10) {
                lines += self.container(container, sameAs: container.logs.flatMap { shown[$0] })
                if let logs = container.logs, !logs.isEmpty, shown[logs] == nil { shown[logs] = task.id }
            }
        }
        return lines + diagnosis.notes.prefix(10).map { Inert.field($0, limit: 300) }
    }

    private static func container(_ container: StoppedTask.Container, sameAs task: String?) -> [String] {
        let ended = container.exitCode.map { "exited with \($0)" } ?? "did not run"
        let reason = container.reason.map { " (\(Inert.field($0, limit: 300)))" } ?? ""
        var lines = ["  \(Inert.field(container.name, limit: 80)): \(ended)\(reason)"]
        if let task {
            lines.append("    its last log lines are those of task \(Inert.field(task, limit: 80))")
        } else if let logs = container.logs {
            lines +=
                logs.isEmpty
                ? ["    its log stream is empty"] : logs.suffix(40).map { "    | " + Inert.field($0, limit: 400) }
        } else if let note = container.logNote {
            lines.append("    no log lines: \(Inert.field(note, limit: 300))")
        }
        return lines
    }
}
