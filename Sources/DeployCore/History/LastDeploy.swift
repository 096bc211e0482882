/// What the last recorded deploy of a workspace says, in one line for `deploy status`: what it deployed, by whom and
/// when, and whether it failed, was interrupted, is unverified or is still running, and why. Pure; every field is
/// shown inert (a record is whatever its writer put in the bucket).
enum LastDeploy {
    static func line(_ record: HistoryRecord) -> String {
        let by = record.by.name
        let what =
            "\(Inert.field(record.head, limit: 40)) (\(record.mode.rawValue)) by \(by) at "
            + Inert.field(record.time, limit: 40)
        switch record.result {
        case .deployed where !record.applied: return "pushed \(what): nothing rolled"
        case .deployed where record.services.contains { $0.rollout == nil }:
            return "deployed \(what), unverified: its rollout was not watched (--no-verify)"
        case .deployed: return "deployed \(what), verified"
        case .failed: return "FAILED \(what): " + firstLine(record.error ?? "no error was recorded")
        case .interrupted:
            return "INTERRUPTED \(what)" + (record.stoppedIn.map { " during \(Inert.field($0, limit: 120))" } ?? "")
        case .started: return "running now: \(what)"
        case .unfinished:
            return "UNFINISHED \(what): it never closed its record (its deploy died); see deploy history --show"
        default: return "\(record.result.rawValue) \(what)"
        }
    }

    private static func firstLine(_ text: String) -> String {
        Inert.field(String(text.split(separator: "\n").first ?? ""), limit: 200)
    }
}
