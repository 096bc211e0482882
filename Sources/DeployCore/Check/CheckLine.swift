/// One finding of `deploy check`: what was checked, whether it passed, what was found, and the fix.
struct CheckLine: Equatable, Sendable, Encodable {
    enum Verdict: String, Equatable, Sendable, Encodable {
        case ok
        case fail
        /// Not checked, because a check it depends on failed.
        case skipped

        /// How the table shows it: a failure stands out.
        var label: String {
            switch self {
            case .ok: "ok"
            case .fail: "FAIL"
            case .skipped: "skip"
            }
        }
    }

    let area: String
    let verdict: Verdict
    let says: String
    var fix: String?

    static func ok(_ area: String, _ says: String) -> CheckLine { CheckLine(area: area, verdict: .ok, says: says) }

    static func fail(_ area: String, _ says: String, fix: String? = nil) -> CheckLine {
        CheckLine(area: area, verdict: .fail, says: says, fix: fix)
    }

    static func skipped(_ area: String, _ says: String) -> CheckLine {
        CheckLine(area: area, verdict: .skipped, says: says)
    }

    /// A failed read, as its error says it (the message carries its own fix).
    static func fail(_ area: String, _ error: DeployError) -> CheckLine { .fail(area, error.message) }
}
