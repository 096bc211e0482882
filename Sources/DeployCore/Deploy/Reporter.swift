import Foundation
import Synchronization

/// The one writer of `deploy`'s output. Child output and progress go to stderr a whole line at a time,
/// prefixed with the step (`[build auth] ...`); results (the plan, the summary) go to stdout.
public final class Reporter: Sendable {
    public typealias Sink = @Sendable (String) -> Void

    private let lock = Mutex(())
    private let out: Sink
    private let err: Sink

    /// Writes that fail (a closed pipe: EPIPE) are dropped: the deploy goes on and its children are not orphaned.
    public init(out: @escaping Sink = { try? FileHandle.standardOutput.write(contentsOf: Data($0.utf8)) },
                err: @escaping Sink = { try? FileHandle.standardError.write(contentsOf: Data($0.utf8)) }) {
        self.out = out
        self.err = err
    }

    /// A line a child printed, under its step's label.
    public func child(_ label: String, _ line: OutputLine) {
        write(err, "[\(label)] \(line.text)\n")
    }

    /// Progress for the operator: stderr.
    public func note(_ text: String) {
        write(err, text + "\n")
    }

    /// A result: stdout, so it can be piped.
    public func result(_ text: String) {
        write(out, text + "\n")
    }

    public func error(_ error: DeployError) {
        var text = "deploy: error: \(error.message)\n"
        if !error.output.isEmpty {
            text += "last lines of its output:\n" + error.output.map { "  | \($0)\n" }.joined()
        }
        write(err, text)
    }

    private func write(_ sink: Sink, _ text: String) {
        lock.withLock { _ in sink(text) }
    }
}
