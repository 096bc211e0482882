/// `deploy history` as text: newest first, one line per deploy, with its services and tags beneath. A record is
/// whatever its writer put in the bucket: every field is shown inert (`Inert`), on its line, cut to a width.
enum HistoryText {
    static func table(_ records: [HistoryRecord]) -> String {
        guard !records.isEmpty else { return "no deploys recorded yet" }
        let rows = records.map { record in
            [
                record.time, record.workspace, record.result.rawValue, record.mode.rawValue, record.head,
                record.by.name,
                [.started, .unfinished].contains(record.result) ? "-" : duration(record.seconds),
            ].map { Inert.field($0, limit: 40) }
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
                let shown = error.split(separator: "\n").prefix(2).map { $0.trimmingCharacters(in: .whitespaces) }
                lines.append("    error: " + Inert.field(shown.joined(separator: " "), limit: 240))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// One deploy in full (`deploy history --show`): who, where, each service with how its rollout ended, the
    /// error, why each failed rollout failed, and the steps.
    static func record(_ record: HistoryRecord) -> String {
        let by = record.by.name
        var lines = [
            [record.time, record.workspace, record.result.rawValue, record.mode.rawValue, record.head]
                .map { Inert.field($0, limit: 60) }.joined(separator: "  "),
            "by        \(by)  (\(Inert.field(record.by.arn, limit: 160)))",
        ]
        if let run = record.by.run { lines.append("run       \(run.description)") }
        if let source = record.promotedFrom {
            lines.append("promoted  from \(Inert.field(source, limit: 60)): each image as it runs there, by digest")
        }
        lines += [
            "account   \(Inert.field(record.account, limit: 40)) (\(Inert.field(record.region, limit: 40))), took "
                + duration(record.seconds)
        ]
        let width = record.services.map { Inert.field($0.service, limit: 40).count }.max() ?? 0
        for (index, service) in record.services.enumerated() {
            lines.append((index == 0 ? "services  " : "          ") + self.service(service, width: width))
        }
        if let stage = record.stoppedIn { lines.append("stopped   during \(Inert.field(stage, limit: 200))") }
        if let error = record.error {
            let shown = error.split(separator: "\n", omittingEmptySubsequences: false).prefix(40)
                .map { Inert.field(String($0), limit: 400) }
            lines.append("error     " + shown.joined(separator: "\n          "))
        }
        for service in record.services {
            guard let diagnosis = service.diagnosis else { continue }
            lines.append("why \(Inert.field(service.service, limit: 40)) did not roll:")
            lines += DiagnosisText.lines(diagnosis).map { "    " + $0 }
        }
        lines += record.steps.map {
            "step      \($0.result == .ok ? "ok     " : $0.result == .interrupted ? "STOPPED" : "FAILED ")  "
                + "\(WaitTime.tenths($0.seconds))  "
                + Inert.field($0.step, limit: 80)
        }
        return lines.joined(separator: "\n")
    }

    /// `auth  1a2b3c4 → 9f8e7d6  steady in 12.3s`.
    private static func service(_ service: HistoryRecord.Service, width: Int) -> String {
        let tag = Inert.field(service.tag, limit: 40)
        let tags =
            (service.previousTag.map { "\(Inert.field($0, limit: 40)) → \(tag)" } ?? tag)
            + (service.digest.map { " (\(Inert.field(String($0.prefix(19)), limit: 19)))" } ?? "")
        let rollout = service.rollout.map { "  \($0.rawValue)" } ?? ""
        let steady = service.steadySeconds.map { " in \(WaitTime.tenths($0))" } ?? ""
        let name = Inert.field(service.service, limit: 40).padding(toLength: width, withPad: " ", startingAt: 0)
        let expected = service.expected.map { " (expected \($0.range))" } ?? ""
        let phases = (service.phases ?? []).prefix(8).map {
            "\(Inert.field($0.name, limit: 40)) \(WaitTime.elapsed($0.seconds))"
        }
        let spent = phases.isEmpty ? "" : "; " + phases.joined(separator: ", ")
        return "\(name)  \(tags)\(rollout)\(steady)\(expected)\(spent)"
    }

    /// `auth seed → 1a2b3c4, billing 1a2b3c4` (no arrow when the previous tag is unknown or the same).
    static func services(_ services: [HistoryRecord.Service]) -> String {
        let shown = services.prefix(6).map { service in
            let (name, tag) = (Inert.field(service.service, limit: 40), Inert.field(service.tag, limit: 40))
            guard let previous = service.previousTag, previous != service.tag else { return "\(name) \(tag)" }
            return "\(name) \(Inert.field(previous, limit: 40)) → \(tag)"
        }
        return shown.joined(separator: ", ") + (services.count > 6 ? ", … (+\(services.count - 6))" : "")
    }

    static func duration(_ seconds: Double) -> String { WaitTime.elapsed(seconds) }
}
