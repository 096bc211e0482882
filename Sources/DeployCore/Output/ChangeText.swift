import Foundation

/// The `--changed` plan and `deploy status` as an operator reads them, or as JSON for scripts.
enum ChangeText {
    /// `health`: what each service's health URL answered, in a column of its own (`deploy status`).
    static func table(_ changes: [ServiceChange], head: String, verbose: Bool, health: [String: String]? = nil)
        -> String
    {
        let header: [String] = ["SERVICE", "LIVE"] + (health == nil ? [] : ["HEALTH"]) + ["BEHIND", "ACTION", "WHY"]
        let rows: [[String]] = [header] + changes.map { row($0, health: health) }
        let last = rows[0].count - 1
        let widths = (0..<last).map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines = rows.map { row in
            (0..<last).map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: "  ") + "  " + row[last]
        }
        if verbose {
            for change in changes where !change.paths.isEmpty {
                lines.append("\(change.service):")
                lines += change.paths.map { "  \($0)" }
            }
        }
        let count = changes.filter { $0.action == .deploy }.count
        lines.insert("HEAD \(head): \(count) of \(changes.count) service(s) to deploy", at: 0)
        return lines.joined(separator: "\n")
    }

    private static func row(_ change: ServiceChange, health: [String: String]?) -> [String] {
        var cells: [String] = [change.service, Inert.field(change.liveTag ?? "-", limit: 40)]
        if let health { cells.append(health[change.service] ?? "-") }
        cells.append(change.behind.map(String.init) ?? "-")
        cells.append(change.action.rawValue)
        cells.append(Inert.field(change.reason, limit: 300))
        return cells
    }

    static func json(_ changes: [ServiceChange], head: String) -> String {
        struct Document: Encodable {
            var head: String
            var services: [ServiceChange]
        }
        return JSONText.document(Document(head: head, services: changes))
    }
}
