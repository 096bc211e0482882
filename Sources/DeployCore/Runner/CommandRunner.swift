import Foundation

/// The one seam between `deploy` and the processes it starts; tests replace it with a recording fake.
public protocol CommandRunner: Sendable {
    /// Runs an action to its end. A non-zero exit is a result, not an error; only failing to start throws.
    /// Output lines go to `output` as they come, unless `capture` keeps stdout for the caller.
    func run(_ action: Action, capture: Bool, output: @escaping @Sendable (OutputLine) -> Void) async throws(DeployError) -> RunResult
}

/// One line a child printed.
public struct OutputLine: Equatable, Sendable {
    public enum Stream: Equatable, Sendable { case stdout, stderr }
    public var stream: Stream
    public var text: String

    public init(_ stream: Stream, _ text: String) {
        self.stream = stream
        self.text = text
    }
}

/// How an action ended, with its captured stdout and the last lines it printed (for failure messages).
public struct RunResult: Equatable, Sendable {
    public var status: TerminationStatus
    public var stdout: Data
    public var tail: [String]

    public init(status: TerminationStatus, stdout: Data = Data(), tail: [String] = []) {
        self.status = status
        self.stdout = stdout
        self.tail = tail
    }
}
