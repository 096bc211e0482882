/// When a rollout is failed before ECS's circuit breaker gives up (which waits for up to ten failed tasks):
/// once `--fail-after` tasks of the new revision stopped failing. Pure.
enum FailFast {
    /// What ECS says when a task never started.
    static let startFailures = ["CannotPullContainerError", "ResourceInitializationError", "TaskFailedToStart"]

    /// A task that counts: it failed to start, or an essential container exited non-zero. A task stopped
    /// by ECS for the rollout itself (scaled in, replaced) does not.
    static func failed(_ task: StoppedTask, nonEssential: Set<String>) -> Bool {
        if task.stopCode == "ServiceSchedulerInitiated",
            !(task.stoppedReason ?? "").localizedCaseInsensitiveContains("health check")
        {
            return false
        }
        let said = [task.stopCode, task.stoppedReason].compactMap { $0 } + task.containers.compactMap(\.reason)
        if said.contains(where: { text in startFailures.contains { text.contains($0) } }) { return true }
        return task.containers.contains { container in
            !nonEssential.contains(container.name) && (container.exitCode.map { $0 != 0 } ?? false)
        }
    }

    /// The new revision's failed tasks, most recent first.
    static func failures(_ tasks: [StoppedTask], revision: String, nonEssential: Set<String>) -> [StoppedTask] {
        tasks.filter { $0.taskDefinition == revision && failed($0, nonEssential: nonEssential) }.sorted(
            by: mostRecentFirst)
    }

    /// `app exited with 1`, or ECS's reason: what one failed task says first.
    static func why(_ task: StoppedTask) -> String {
        if let container = task.containers.first(where: { ($0.exitCode ?? 0) != 0 }), let code = container.exitCode {
            return "\(Inert.field(container.name, limit: 80)) exited with \(code)"
        }
        let reason = task.containers.compactMap(\.reason).first ?? task.stoppedReason
        return Inert.field([task.stopCode, reason].compactMap { $0 }.joined(separator: ": "), limit: 300)
    }

    static func mostRecentFirst(_ a: StoppedTask, _ b: StoppedTask) -> Bool {
        (a.stoppedDate ?? .distantPast) > (b.stoppedDate ?? .distantPast)
    }
}
