/// Whether the local docker engine answers, asked before a deploy reads anything: with the engine down, a deploy
/// would read AWS and make terraform's plan only to fail at its first build.
struct EngineProbe: Sendable {
    let runner: any CommandRunner

    static let fix = "start it (systemctl start docker, or Docker Desktop), or build on a remote builder with --builder"

    /// What docker said of an engine that does not answer, in one line.
    static func silence(_ error: DeployError) -> String {
        let said = error.output.last { !$0.isEmpty }.map { Inert.field($0, limit: 200) } ?? error.message
        return "the docker engine does not answer (\(said))"
    }

    /// Refuses, in one line, when the engine does not answer.
    func require() async throws(DeployError) {
        switch await outcome({ () async throws(DeployError) in try await runner.query(Docker.engineVersion()) }) {
        case .success: return
        case .failure(.interrupted(let signal)): throw .interrupted(signal: signal)
        case .failure(let error):
            throw .refused("\(Self.silence(error)): \(Self.fix) <name>; nothing was read or built")
        }
    }
}
