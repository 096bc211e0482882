import Foundation

/// `GET <url>` until it answers 200, a few times with a pause between: a fresh task may need a moment
/// behind the load balancer.
struct HealthCheck: Sendable {
    let runner: any CommandRunner
    let children: ChildRegistry
    var attempts = 5
    var pause = 2.0
    /// Hears each try that did not answer 200, before the next: `auth: /v1/auth/health 503, retry 2 of 5 in 2s`.
    var retrying: @Sendable (String) -> Void = { _ in }

    /// `label`: whose URL it is, for the lines that say a retry.
    func check(_ url: String, label: String = "") async throws(DeployError) -> Verification.Answer {
        var status: Int?
        for attempt in 1...attempts {
            let (answered, said) = try await ask(url)
            status = answered
            if status == 200 || attempt == attempts {
                return Verification.Answer(
                    url: url, status: status, attempts: attempt, said: status == nil ? said : nil)
            }
            let path = URL(string: url)?.path ?? url
            retrying(
                "\(label.isEmpty ? "" : label + ": ")\(path) \(status.map(String.init) ?? "did not answer"), retry "
                    + "\(attempt + 1) of \(attempts) in \(WaitTime.text(pause))")
            try? await Task.sleep(for: .seconds(pause))
        }
        return Verification.Answer(url: url, status: status, attempts: attempts)
    }

    /// One `GET`: the status (nil when nothing answered) and what curl said last.
    func ask(_ url: String) async throws(DeployError) -> (Int?, String?) {
        let result = try await runner.run(.run(Curl.status(url)), capture: true) { _ in }
        if let signal = children.interruption { throw .interrupted(signal: signal) }
        let code = Int(String(decoding: result.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        return (code == 0 ? nil : code, result.tail.last)
    }
}
