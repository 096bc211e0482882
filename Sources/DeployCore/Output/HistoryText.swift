/// `deploy history` as text: newest first, one line per deploy, with its services and tags beneath.
enum HistoryText {
    static func table(_ records: [HistoryRecord]) -> String {
        guard !records.isEmpty else { return "no deploys recorded yet" }
        let rows = records.map { record in
            [
                record.time, record.workspace, record.result.rawValue, record.mode.rawValue, record.head,
                record.by.host.map { "\(record.by.user)@\($0)" } ?? record.by.user,
                [.started, .unfinished].contains(record.result) ? "-" : duration(record.seconds),
            ]
        }
        let header = ["TIME (UTC)", "WORKSPACE", "RESULT", "MODE", "HEAD", "BY", "TOOK"]
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .replacing(/\s+$/, with: "")
        }
        var lines = [line(header)]
        for (record, row) in zip(records, rows) {
            lines.append(line(row))
            if !record.services.isEmpty { lines.append("    " + services(record.services)) }
            if let error = record.error {
                lines.append(
                    "    error: "
                        + error.split(separator: "\n").prefix(2).map { $0.trimmingCharacters(in: .whitespaces) }.joined(
                            separator: " "))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `auth seed → 1a2b3c4, billing 1a2b3c4` (no arrow when the previous tag is unknown or the same).
    static func services(_ services: [HistoryRecord.Service]) -> String {
        let shown = services.prefix(6).map { service in
            guard let previous = service.previousTag, previous != service.tag else {
                return "\(service.service) \(service.tag)"
            }
            return "\(service.service) \(previous) → \(service.tag)"
        }
        return shown.joined(separator: ", ") + (services.count > 6 ? ", … (+\(services.count - 6))" : "")
    }

    static func duration(_ seconds: Double) -> String {
        seconds < 60
            ? "\(Int(seconds.rounded()))s" : "\(Int(seconds) / 60)m\(String(format: "%02d", Int(seconds) % 60))s"
    }
}
