import Foundation

/// Read-only commands whose stdout is the answer (git, terraform output, aws describe-...).
extension CommandRunner {
    /// Runs a command whose stdout is kept; a child that failed because the deploy was interrupted is the
    /// interruption, not an answer.
    func capture(_ action: Action, output: @escaping @Sendable (OutputLine) -> Void = { _ in })
        async throws(DeployError)
        -> RunResult
    {
        let result = try await run(action, capture: true, output: output)
        if let signal = result.interruption { throw .interrupted(signal: signal) }
        return result
    }

    /// The stdout of a command that must succeed; a failure is `.queryFailed`, with the child's last lines.
    /// Its stderr lines reach `output` as they come.
    func query(_ command: Command, output: @escaping @Sendable (OutputLine) -> Void = { _ in })
        async throws(DeployError) -> Data
    {
        let result = try await capture(.run(command), output: output)
        guard result.status.succeeded else {
            throw .queryFailed(command: command.rendered, status: result.status, output: result.tail)
        }
        return result.stdout
    }

    /// The trimmed stdout of a command that must succeed.
    func queryText(_ command: Command, output: @escaping @Sendable (OutputLine) -> Void = { _ in })
        async throws(DeployError) -> String
    {
        String(decoding: try await query(command, output: output), as: UTF8.self).trimmingCharacters(
            in: .whitespacesAndNewlines)
    }

    /// The trimmed stdout of a command that may fail (nil then): a question whose "no" is an answer.
    func answer(_ command: Command) async throws(DeployError) -> String? {
        let result = try await capture(.run(command))
        guard result.status.succeeded else { return nil }
        return String(decoding: result.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
