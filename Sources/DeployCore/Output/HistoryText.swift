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

    /// One deploy in full (`deploy history --show`): who, where, each service with how its rollout ended, the
    /// error, why each failed rollout failed, and the steps.
    static func record(_ record: HistoryRecord) -> String {
        var lines = [
            "\(record.time)  \(record.workspace)  \(record.result.rawValue)  \(record.mode.rawValue)  \(record.head)",
            "by        \(record.by.user)\(record.by.host.map { "@\($0)" } ?? "")  (\(record.by.arn))",
            "account   \(record.account) (\(record.region)), took \(duration(record.seconds))",
        ]
        let width = record.services.map(\.service.count).max() ?? 0
        for (index, service) in record.services.enumerated() {
            let tags = service.previousTag.map { "\($0) → \(service.tag)" } ?? service.tag
            let rollout = service.rollout.map { "  \($0.rawValue)" } ?? ""
            let steady = service.steadySeconds.map { " in \(WaitTime.tenths($0))" } ?? ""
            lines.append(
                (index == 0 ? "services  " : "          ")
                    + "\(service.service.padding(toLength: width, withPad: " ", startingAt: 0))  "
                    + "\(tags)\(rollout)\(steady)"
            )
        }
        if let error = record.error {
            lines.append(
                "error     "
                    + error.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n          "))
        }
        for service in record.services {
            guard let diagnosis = service.diagnosis else { continue }
            lines.append("why \(service.service) did not roll:")
            lines += DiagnosisText.lines(diagnosis).map { "    " + $0 }
        }
        lines += record.steps.map {
            "step      \($0.result == .ok ? "ok    " : "FAILED")  \(WaitTime.tenths($0.seconds))  \($0.step)"
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
