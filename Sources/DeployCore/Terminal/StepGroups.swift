import Foundation
import Synchronization

/// In a GitHub Actions job, each step's output is kept while the step runs and written when it ends as one folded
/// group of the log (steps run side by side, and groups cannot interleave), titled with how it ended. Workflow
/// commands are off inside it: a child's line cannot set an output or mask a value. At most `limit` lines are
/// kept per step, the last ones.
final class StepGroups: Sendable {
    struct Kept: Equatable, Sendable {
        var lines: [String] = []
        var dropped = 0
    }

    private let steps = Mutex<[String: Kept]>([:])
    let limit: Int

    init(limit: Int = 5000) { self.limit = limit }

    func start(_ label: String) { steps.withLock { $0[label] = $0[label] ?? Kept() } }

    /// Keeps a line of a started step; false when `label` is not one (the line is written at once).
    func keep(_ label: String, _ line: String) -> Bool {
        steps.withLock { steps in
            guard var kept = steps[label] else { return false }
            kept.lines.append(line)
            if kept.lines.count > limit {
                kept.lines.removeFirst(kept.lines.count - limit)
                kept.dropped += 1
            }
            steps[label] = kept
            return true
        }
    }

    /// What a step printed, once it ended; nil when it was not started here.
    func end(_ label: String) -> Kept? { steps.withLock { $0.removeValue(forKey: label) } }

    /// The group as the log shows it: its title, then the lines between a stop and a resume of workflow commands.
    static func text(title: String, _ kept: Kept, token: String = UUID().uuidString.lowercased()) -> String {
        var lines = [WorkflowCommand.group(title), WorkflowCommand.stop(token)]
        if kept.dropped > 0 { lines.append("(\(kept.dropped) earlier line(s) not kept)") }
        lines += kept.lines
        if kept.lines.isEmpty { lines.append("(no output)") }
        lines += [WorkflowCommand.resume(token), WorkflowCommand.endGroup]
        return lines.joined(separator: "\n") + "\n"
    }
}
