/// A failed rollout's diagnosis as the operator reads it under the failure (and `deploy history --show`
/// prints it again): ECS's events, then each stopped task with its containers and their last log lines.
enum DiagnosisText {
    static func lines(_ diagnosis: RolloutDiagnosis) -> [String] {
        var lines: [String] = []
        if !diagnosis.events.isEmpty {
            lines.append("ECS events since the apply:")
            lines += diagnosis.events.map { "  " + $0 }
        }
        // Tasks of one revision often die the same way: lines already shown are not shown again.
        var shown: [[String]: String] = [:]
        for task in diagnosis.tasks {
            let when = task.stoppedDate.map { " at " + ECSDocuments.clock($0) } ?? ""
            let why = [task.stopCode, task.stoppedReason].compactMap { $0 }.joined(separator: ": ")
            lines.append("task \(task.id) of \(RolloutJudge.revision(task.taskDefinition)) stopped\(when): \(why)")
            for container in task.containers {
                lines += self.container(container, sameAs: container.logs.flatMap { shown[$0] })
                if let logs = container.logs, !logs.isEmpty, shown[logs] == nil { shown[logs] = task.id }
            }
        }
        return lines + diagnosis.notes
    }

    private static func container(_ container: StoppedTask.Container, sameAs task: String?) -> [String] {
        let ended = container.exitCode.map { "exited with \($0)" } ?? "did not run"
        let reason = container.reason.map { " (\($0))" } ?? ""
        var lines = ["  \(container.name): \(ended)\(reason)"]
        if let task {
            lines.append("    its last log lines are those of task \(task)")
        } else if let logs = container.logs {
            lines += logs.isEmpty ? ["    its log stream is empty"] : logs.map { "    | " + $0 }
        } else if let note = container.logNote {
            lines.append("    no log lines: \(note)")
        }
        return lines
    }
}
