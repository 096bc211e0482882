import Foundation

/// The `--changed` plan and `deploy status` as an operator reads them, or as JSON for scripts.
enum ChangeText {
    static func table(_ changes: [ServiceChange], head: String, verbose: Bool) -> String {
        let rows =
            [["SERVICE", "LIVE", "BEHIND", "ACTION", "WHY"]]
            + changes.map { change in
                [
                    change.service, Inert.field(change.liveTag ?? "-", limit: 40),
                    change.behind.map(String.init) ?? "-",
                    change.action.rawValue, Inert.field(change.reason, limit: 300),
                ]
            }
        let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines = rows.map { row in
            (0..<4).map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                + "  " + row[4]
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

    static func json(_ changes: [ServiceChange], head: String) -> String {
        struct Document: Encodable {
            var head: String
            var services: [ServiceChange]
        }
        return JSONText.document(Document(head: head, services: changes))
    }
}
