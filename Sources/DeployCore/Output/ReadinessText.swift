/// `deploy check`'s findings: one line each, failures with their fix, and the verdict; or one JSON document.
enum ReadinessText {
    static func table(_ lines: [Finding]) -> String {
        let width = lines.map(\.area.count).max() ?? 0
        let rows = lines.map { line in
            let verdict = line.verdict.label.padding(toLength: 6, withPad: " ", startingAt: 0)
            let area = line.area.padding(toLength: width + 2, withPad: " ", startingAt: 0)
            return verdict + area + line.says + (line.fix.map { ": \($0)" } ?? "")
        }
        let passed = !lines.contains { $0.verdict == .fail }
        // When one fails, the error says how many, as the last line.
        let tips = lines.count(where: { $0.verdict == .advice })
        let ready =
            "ready to deploy: all \(lines.count(where: \.verdict.isCheck)) checks passed"
            + (tips > 0 ? "; \(tips) tip(s) would make the rollouts quicker" : "")
        return (rows + (passed ? [ready] : [])).joined(separator: "\n")
    }

    static func json(_ lines: [Finding]) -> String {
        struct Document: Encodable {
            var result: String
            var failed: Int
            var checks: [Finding]
        }
        let failed = lines.count(where: { $0.verdict == .fail })
        return JSONText.document(Document(result: failed == 0 ? "ready" : "not ready", failed: failed, checks: lines))
    }
}
