/// Whether one rolled service really serves the new code: how its rollout ended and what its URLs answered.
struct Verification: Equatable, Sendable {
    enum Rollout: Equatable, Sendable {
        case steady(seconds: Double)
        case failed(String, seconds: Double)
        /// Still rolling when the wait timeout (seconds) was up, with what ECS said last.
        case timedOut(String, seconds: Double)
        /// Nothing was applied (the plan had no changes): there was no rollout to watch.
        case unchanged

        /// Seconds from the end of the apply to its end; nil when there was no rollout.
        var seconds: Double? {
            switch self {
            case .steady(let seconds), .failed(_, let seconds), .timedOut(_, let seconds): return seconds
            case .unchanged: return nil
            }
        }

        /// How it ended, as JSON and the history name it.
        var result: RolloutResult {
            switch self {
            case .steady: return .steady
            case .failed: return .failed
            case .timedOut: return .timedOut
            case .unchanged: return .unchanged
            }
        }
    }

    /// What one URL answered last.
    struct Answer: Equatable, Sendable {
        var url: String
        /// The HTTP status; nil when nothing answered (refused, timed out, DNS).
        var status: Int?
        var attempts: Int
        /// curl's last complaint when nothing answered (DNS, TLS, refused, timed out).
        var said: String? = nil
        var ok: Bool { status == 200 }
    }

    var service: String
    var rollout: Rollout
    /// Empty when the rollout did not end steady, or terraform names no `api_base_url`.
    var answers: [Answer] = []
    /// Why the rollout failed or timed out, as ECS and the logs said right after.
    var diagnosis: RolloutDiagnosis? = nil
    /// The digest its running tasks were seen to run, the one this deploy pushed or found; nil when not compared.
    var digest: String? = nil
    /// How long its rollout was expected to take, and where its time went (from ECS's events).
    var estimate: RolloutEstimate? = nil
    var phases: [RolloutEstimate.Part] = []

    var passed: Bool { problem == nil }

    /// Seconds from the end of the apply to a steady service.
    var steadySeconds: Double? {
        if case .steady(let seconds) = rollout { return seconds }
        return nil
    }

    /// The one line an operator reads when it did not pass: the service and what went wrong.
    var problem: String? {
        switch rollout {
        case .failed(let why, _): return "\(service): \(why)"
        case .timedOut(let detail, let seconds):
            return
                "\(service): not steady after \(WaitTime.text(seconds)) (--wait-timeout): \(detail); read the ECS "
                + "service's events, or wait longer with --wait-timeout"
        case .steady, .unchanged:
            guard let bad = answers.first(where: { $0.status != 200 }) else { return nil }
            let said = bad.status.map { "answered \($0)" } ?? "did not answer" + (bad.said.map { " (\($0))" } ?? "")
            return "\(service): GET \(bad.url) \(said) (\(bad.attempts) tries)"
        }
    }

    /// `steady 12.3s, health 200, docs 200` or `FAILED: ...`.
    var summary: String {
        switch rollout {
        case .failed(let why, _): return "FAILED: \(why)"
        case .timedOut(let detail, _): return "TIMED OUT: \(detail)"
        case .steady(let seconds):
            let runs = digest.map { ["runs \(ImageDigest.short($0))"] } ?? []
            return (["steady in \(WaitTime.tenths(seconds))\(timing)"] + runs + answerTexts).joined(separator: ", ")
        case .unchanged: return (["not rolled (no changes)"] + answerTexts).joined(separator: ", ")
        }
    }

    /// ` (expected ~7–10 min, most of it draining: 5m00s)`, as far as it is known; a phase under 5 s is not worth
    /// naming.
    var timing: String {
        let longest = RolloutPhases.longest(phases).flatMap { $0.seconds >= 5 ? $0 : nil }
        let parts =
            (estimate.map { ["expected \($0.range)"] } ?? [])
            + (longest.map { ["most of it \($0.name): \(WaitTime.elapsed($0.seconds))"] } ?? [])
        return parts.isEmpty ? "" : " (\(parts.joined(separator: ", ")))"
    }

    /// `health 200`, `docs no answer`: what each URL answered.
    private var answerTexts: [String] {
        answers.map { answer in
            let name = answer.url.split(separator: "/").last.map(String.init) ?? answer.url
            return "\(name) \(answer.status.map(String.init) ?? "no answer")"
        }
    }
}
