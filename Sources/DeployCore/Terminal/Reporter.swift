import Foundation
import Synchronization

/// The one writer of `deploy`'s output. Child output and progress go to stderr a whole line at a time,
/// prefixed with the step (`[build auth] ...`); results (the plan, the summary) go to stdout, or, with
/// `--output json`, to stderr so that stdout carries only the JSON document.
public final class Reporter: Sendable {
    public typealias Sink = @Sendable (String) -> Void

    public enum Verbosity: Sendable {
        /// Only the summary, questions and errors.
        case quiet
        case normal
        /// Also every command before it runs.
        case verbose
        /// Behind the live board: notes only, no child lines.
        case board
    }

    private let lock = Mutex(())
    private let documented = Mutex(false)
    private let out: Sink
    private let err: Sink
    private let verbosity: Verbosity
    private let json: Bool

    /// Writes that fail (a closed pipe: EPIPE) are dropped: the deploy goes on and its children are not orphaned.
    public init(
        out: @escaping Sink = { try? FileHandle.standardOutput.write(contentsOf: Data($0.utf8)) },
        err: @escaping Sink = { try? FileHandle.standardError.write(contentsOf: Data($0.utf8)) },
        verbosity: Verbosity = .normal, json: Bool = false
    ) {
        self.out = out
        self.err = err
        self.verbosity = verbosity
        self.json = json
    }

    /// The same sinks, for the plan's verbosity and output format.
    public func configured(verbosity: Verbosity, json: Bool) -> Reporter {
        Reporter(out: out, err: err, verbosity: verbosity, json: json)
    }

    /// A line a child printed, under its step's label.
    func child(_ label: String, _ line: OutputLine) {
        guard verbosity != .quiet && verbosity != .board else { return }
        write(err, "[\(label)] \(line.text)\n")
    }

    /// Progress for the operator: stderr.
    func note(_ text: String) {
        guard verbosity != .quiet else { return }
        write(err, text + "\n")
    }

    /// A command about to run, with --verbose.
    func command(_ label: String, _ rendered: String) {
        guard verbosity == .verbose else { return }
        write(err, "[\(label)] $ \(rendered)\n")
    }

    /// A question for the operator: always shown.
    func ask(_ text: String) {
        write(err, text + "\n")
    }

    /// A result: stdout, so it can be piped (stderr when stdout is reserved for JSON).
    func result(_ text: String) {
        write(json ? err : out, text + "\n")
    }

    /// The JSON document of `--output json`: the only thing on stdout.
    func document(_ text: String) {
        documented.withLock { $0 = true }
        write(out, text + "\n")
    }

    /// Whether the JSON document was written, so a failure before it can still write one.
    var hasDocument: Bool { documented.withLock { $0 } }

    /// For the live board: the same stdout; child lines dropped (their last lines still reach the error
    /// message); progress notes handed to `notes`, which prints them above the board.
    func behindBoard(notes: @escaping Sink) -> Reporter {
        Reporter(out: out, err: notes, verbosity: .board, json: json)
    }

    /// Terminal drawing: stderr, as is, under the writer's lock.
    func raw(_ text: String) {
        write(err, text)
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
