import Foundation

/// `GET <url>` until it answers 200, a few times with a pause between: a fresh task may need a moment
/// behind the load balancer.
struct HealthCheck: Sendable {
    let runner: any CommandRunner
    let children: ChildRegistry
    var attempts = 5
    var pause = 2.0

    func check(_ url: String) async throws(DeployError) -> Verification.Answer {
        var status: Int?
        for attempt in 1...attempts {
            let result = try await runner.run(.run(Curl.status(url)), capture: true) { _ in }
            if let signal = children.interruption { throw .interrupted(signal: signal) }
            let code =
                Int(String(decoding: result.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            status = code == 0 ? nil : code
            if status == 200 || attempt == attempts {
                return Verification.Answer(
                    url: url, status: status, attempts: attempt, said: status == nil ? result.tail.last : nil)
            }
            try? await Task.sleep(for: .seconds(pause))
        }
        return Verification.Answer(url: url, status: status, attempts: attempts)
    }
}
