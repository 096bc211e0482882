import Foundation
import Synchronization

/// The one writer of `deploy`'s output. Child output and progress go to stderr a whole line at a time,
/// prefixed with the step (`[build auth] ...`); results (the plan, the summary) go to stdout, or, with
/// `--output json`, to stderr so that stdout carries only the JSON document.
final class Reporter: Sendable {
    typealias Sink = @Sendable (String) -> Void

    enum Verbosity: Sendable {
        /// Only the summary, questions and errors.
        case quiet
        case normal
        /// Also every command before it runs.
        case verbose
        /// Behind the live board: notes only, no child lines.
        case board
    }

    private let lock = Mutex(())
    private let out: Sink
    private let err: Sink
    private let verbosity: Verbosity
    let json: Bool
    /// stderr is a terminal: what children print is shown with its control characters escaped, so that a
    /// child cannot clear the screen or retitle the window.
    private let escapes: Bool
    private let streams: StandardStreams
    /// In a GitHub Actions job: the steps' output, kept to be written as folded groups; warnings and the error also
    /// as annotations.
    private let groups: StepGroups?

    /// The process's own stdout and stderr, as `style` says.
    convenience init(style: OutputStyle = OutputStyle()) {
        let streams = StandardStreams()
        self.init(out: streams.out, err: streams.err, style: style, streams: streams)
    }

    convenience init(
        out: @escaping Sink, err: @escaping Sink, style: OutputStyle, streams: StandardStreams = StandardStreams()
    ) {
        self.init(
            out: out, err: err, verbosity: style.verbosity, json: style.json, escapes: style.terminal, streams: streams,
            groups: style.workflowCommands ? StepGroups() : nil)
    }

    init(
        out: @escaping Sink, err: @escaping Sink, verbosity: Verbosity = .normal, json: Bool = false,
        escapes: Bool = false, streams: StandardStreams = StandardStreams(), groups: StepGroups? = nil
    ) {
        self.out = out
        self.err = err
        self.verbosity = verbosity
        self.json = json
        self.escapes = escapes
        self.streams = streams
        self.groups = groups
    }

    /// A run whose stdout could not be written (a full disk, a broken device) failed, whatever it did.
    func checkOutput() throws(DeployError) {
        if let failure = streams.failure { throw .outputFailed(failure) }
    }

    /// A line a child printed, under its step's label (or kept for its step's group).
    func child(_ label: String, _ line: OutputLine) {
        guard verbosity != .quiet && verbosity != .board else { return }
        if let groups, groups.keep(label, shown(line.text)) { return }
        write(err, "[\(label)] \(shown(line.text))\n")
    }

    /// A step begins: in a GitHub Actions job its output is kept for its group.
    func stepStarted(_ label: String) { groups?.start(label) }

    /// A step ended, `how` (`ok in 2.1s`): in a GitHub Actions job its output is written, folded, under that title.
    func stepEnded(_ label: String, _ how: String) {
        guard let kept = groups?.end(label), verbosity != .quiet else { return }
        write(err, StepGroups.text(title: "\(label): \(how)", kept))
    }

    /// Something the operator should know that does not stop the run; in a GitHub Actions job also an annotation.
    func warning(_ text: String) {
        note("deploy: warning: " + text)
        if groups != nil { write(err, WorkflowCommand.warning(text) + "\n") }
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

    /// Text that is the whole answer (a help, a completion script): stdout, as it is.
    func text(_ text: String) {
        write(out, text)
    }

    /// The JSON document of `--output json`: the only thing on stdout.
    func document(_ text: String) {
        streams.documented()
        write(out, text + "\n")
    }

    /// Whether the JSON document was written (by this reporter or a configured copy), so a failure before it
    /// can still write one.
    var hasDocument: Bool { streams.hasDocument }

    /// Behind the live board: the same streams (whose writes pass the board), child lines dropped (their last lines
    /// still reach the error message).
    func behindBoard() -> Reporter {
        Reporter(out: out, err: err, verbosity: .board, json: json, escapes: escapes, streams: streams, groups: groups)
    }

    /// stderr itself, for the overlay's own drawing (which its own lock orders with every write it lets pass).
    var rawError: Sink { err }

    /// While an overlay is on the terminal, every write passes it.
    func attach(_ overlay: any Overlay) { streams.overlay.withLock { $0 = overlay } }

    func detach() { streams.overlay.withLock { $0 = nil } }

    func error(_ error: DeployError) {
        var text = "deploy: error: \(error.message)\n"
        if !error.output.isEmpty {
            text += "last lines of its output:\n" + error.output.map { "  | \(shown(Self.cut($0)))\n" }.joined()
        }
        write(err, text)
        if groups != nil { write(err, WorkflowCommand.error(error.message, title: error.annotationTitle) + "\n") }
    }

    /// A child's line as this stderr can show it.
    private func shown(_ text: String) -> String { escapes ? Self.escaped(text) : text }

    /// Control characters (but tab) in caret notation: ESC is `^[`.
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7F }) else {
            return text
        }
        var shown = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09: shown.unicodeScalars.append(scalar)
            case 0..<0x20: shown += "^" + String(UnicodeScalar(UInt8(scalar.value + 0x40)))
            case 0x7F: shown += "^?"
            default: shown.unicodeScalars.append(scalar)
            }
        }
        return shown
    }

    /// A line of a failure's tail, cut to a width a terminal shows.
    static func cut(_ line: String, width: Int = 240) -> String {
        line.count > width ? String(line.prefix(width)) + " […]" : line
    }

    private func write(_ sink: @escaping Sink, _ text: String) {
        lock.withLock { _ in
            if let overlay = streams.overlay.withLock({ $0 }) {
                overlay.pass(text, through: sink)
            } else {
                sink(text)
            }
        }
    }
}

/// The process's own stdout and stderr. A write that fails is dropped so that the deploy goes on and its
/// children are not orphaned; a failure on stdout other than its reader going away (EPIPE) is kept, so
/// that the run ends in error rather than with a silent success.
final class StandardStreams: Sendable {
    private let outDescriptor: Int32
    private let errDescriptor: Int32
    private let failed = Mutex<String?>(nil)
    private let document = Mutex(false)
    /// What is drawn at the bottom of the terminal now (the live board), shared by every reporter on these streams.
    let overlay = Mutex<(any Overlay)?>(nil)

    init(out: Int32 = STDOUT_FILENO, err: Int32 = STDERR_FILENO) {
        outDescriptor = out
        errDescriptor = err
    }

    var failure: String? { failed.withLock { $0 } }

    var hasDocument: Bool { document.withLock { $0 } }

    func documented() { document.withLock { $0 = true } }

    var out: Reporter.Sink { { [self] text in write(text, to: outDescriptor, keepingFailure: true) } }
    var err: Reporter.Sink { { [self] text in write(text, to: errDescriptor, keepingFailure: false) } }

    private func write(_ text: String, to descriptor: Int32, keepingFailure: Bool) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                let reason = errno
                if keepingFailure && reason != EPIPE {
                    failed.withLock { $0 = $0 ?? String(cString: strerror(reason)) }
                }
                return
            }
            bytes = bytes.dropFirst(written)
        }
    }
}
