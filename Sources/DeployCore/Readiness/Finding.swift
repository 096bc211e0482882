/// One finding of `deploy check`: what was checked, whether it passed, what was found, and the fix.
struct Finding: Equatable, Sendable, Encodable {
    enum Verdict: String, Equatable, Sendable, Encodable {
        case ok
        case fail
        /// Not checked, because a check it depends on failed.
        case skipped
        /// Not a failure: a setting worth changing (a slow rollout's), with what it would save.
        case advice
        /// Not a check: something worth knowing (how long a rollout should take).
        case info

        /// Whether it is a check that passed or failed (or could not run), not advice or information.
        var isCheck: Bool { self == .ok || self == .fail || self == .skipped }

        /// How the table shows it: a failure stands out.
        var label: String {
            switch self {
            case .ok: "ok"
            case .fail: "FAIL"
            case .skipped: "skip"
            case .advice: "tip"
            case .info: "info"
            }
        }
    }

    let area: String
    let verdict: Verdict
    let says: String
    var fix: String?

    static func ok(_ area: String, _ says: String) -> Finding { Finding(area: area, verdict: .ok, says: says) }

    static func fail(_ area: String, _ says: String, fix: String? = nil) -> Finding {
        Finding(area: area, verdict: .fail, says: says, fix: fix)
    }

    static func advice(_ area: String, _ says: String) -> Finding { Finding(area: area, verdict: .advice, says: says) }

    static func info(_ area: String, _ says: String) -> Finding { Finding(area: area, verdict: .info, says: says) }

    static func skipped(_ area: String, _ says: String) -> Finding {
        Finding(area: area, verdict: .skipped, says: says)
    }

    /// The same finding, saying where the tool was found (`(/usr/bin/git)`).
    func at(_ place: String) -> Finding {
        Finding(area: area, verdict: verdict, says: says + place, fix: fix)
    }

    /// A failed read, on one line: a command with what it said last and what to look at, or the error's own
    /// message, which carries its fix.
    static func fail(_ area: String, _ error: DeployError) -> Finding {
        switch error {
        case .queryFailed(let command, let status, let output):
            let said = output.last.map { ": \($0)" } ?? ""
            return .fail(
                area, "`\(command)` \(status.phrase)\(said)",
                fix: "check that the profile may make this call (its IAM policy), and the network")
        case .preflight(let problems): return .fail(area, problems.joined(separator: "; "))
        default: return .fail(area, error.message)
        }
    }
}
