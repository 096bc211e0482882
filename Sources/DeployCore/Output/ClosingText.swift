/// The closing table a deploy that ran ends with: one line per step with its result and time, failures first,
/// then one line per rolled service with how its rollout ended and what its URLs answered.
enum ClosingText {
    /// `waited`: the seconds spent at the question, said apart and not counted in the total.
    static func steps(_ outcomes: [StepOutcome], notRun: [Step], seconds: Double, waited: Double = 0) -> String {
        let failed = outcomes.filter { !$0.succeeded && $0.interruption == nil }
        let stopped = outcomes.filter { !$0.succeeded && $0.interruption != nil }
        let passed = outcomes.filter(\.succeeded)
        var lines = failed.map { "FAILED   \(duration($0.seconds))  \($0.step.label)  (\($0.status.phrase))" }
        lines += stopped.map {
            let signal = SignalName.of($0.interruption ?? 0)
            return "STOPPED  \(duration($0.seconds))  \($0.step.label)  (interrupted by \(signal))"
        }
        lines += passed.map { "ok       \(duration($0.seconds))  \($0.step.label)" }
        lines += notRun.map { "not run           \($0.label)" }
        lines.append("total    \(duration(seconds))")
        if waited >= 0.05 { lines.append("waited   \(duration(waited))  at the question (not in the total)") }
        return lines.joined(separator: "\n")
    }

    static func verification(_ verifications: [Verification]) -> String {
        let width = verifications.map(\.service.count).max() ?? 0
        return verifications.map {
            "verify   \($0.service.padding(toLength: width, withPad: " ", startingAt: 0))  \($0.summary)"
        }
        .joined(separator: "\n")
    }

    /// `WaitTime.tenths`, right-aligned for the table.
    private static func duration(_ value: Double) -> String {
        let text = WaitTime.tenths(value)
        return String(repeating: " ", count: max(0, 7 - text.count)) + text
    }
}
