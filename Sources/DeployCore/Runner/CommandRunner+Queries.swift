import Foundation

/// Read-only commands whose stdout is the answer (git, terraform output, aws describe-...).
extension CommandRunner {
    /// The stdout of a command that must succeed; a failure is `.queryFailed`, with the child's last lines.
    /// Its stderr lines reach `output` as they come.
    func query(_ command: Command, output: @escaping @Sendable (OutputLine) -> Void = { _ in })
        async throws(DeployError) -> Data
    {
        let result = try await run(.run(command), capture: true, output: output)
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
        let result = try await run(.run(command), capture: true) { _ in }
        guard result.status.succeeded else { return nil }
        return String(decoding: result.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
