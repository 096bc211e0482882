import Foundation

/// The one seam between `deploy` and the processes it starts; tests replace it with a recording fake.
protocol CommandRunner: Sendable {
    /// Runs an action to its end. A non-zero exit is a result, not an error; only failing to start throws.
    /// Output lines go to `output` as they come, unless `capture` keeps stdout for the caller.
    func run(_ action: Action, capture: Bool, output: @escaping @Sendable (OutputLine) -> Void)
        async throws(DeployError) -> RunResult
}

/// One line a child printed.
struct OutputLine: Equatable, Sendable {
    enum Stream: Equatable, Sendable { case stdout, stderr }
    var stream: Stream
    var text: String

    init(_ stream: Stream, _ text: String) {
        self.stream = stream
        self.text = text
    }
}

/// How an action ended, with its captured stdout and the last lines it printed (for failure messages).
struct RunResult: Equatable, Sendable {
    var status: TerminationStatus
    var stdout: Data
    var tail: [String]
    /// The signal that interrupted the deploy while this child ran, when the child did not succeed.
    var interruption: Int32?
    /// The child ran past its timeout and was stopped.
    var timedOut = false

    init(status: TerminationStatus, stdout: Data = Data(), tail: [String] = []) {
        self.status = status
        self.stdout = stdout
        self.tail = tail
    }
}
