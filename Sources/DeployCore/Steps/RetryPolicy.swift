/// Which failures are worth another try: network blips while building, pushing or uploading, known
/// by what the child printed. Anything else fails at once.
struct RetryPolicy: Sendable {
    var attempts: Int
    /// Seconds to wait before the second, third, ... attempt.
    var backoff: [Double]

    init(attempts: Int = 3, backoff: [Double] = [2, 5]) {
        self.attempts = attempts
        self.backoff = backoff
    }

    static let none = RetryPolicy(attempts: 1, backoff: [])

    static let retriedPhases: Set<StepPhase> = [.buildDependencies, .build, .login, .push, .buildSPA, .upload]

    static let transientMarks = [
        "ETIMEDOUT", "ECONNRESET", "EAI_AGAIN", "ECONNREFUSED", "connection reset by peer", "i/o timeout",
        "TLS handshake timeout", "Internal error occurred: unable to fetch pnpm",
        "Error when performing the request to https://registry.npmjs.org/pnpm",
    ]

    /// The mark that makes this failure transient, or nil when it is not worth another try.
    func transientMark(phase: StepPhase, output: [String]) -> String? {
        guard Self.retriedPhases.contains(phase) else { return nil }
        for line in output.reversed() {
            if let mark = Self.transientMarks.first(where: { line.contains($0) }) { return mark }
        }
        return nil
    }

    func delay(beforeAttempt attempt: Int) -> Double {
        backoff.isEmpty ? 0 : backoff[min(attempt - 2, backoff.count - 1)]
    }
}
