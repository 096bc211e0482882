import Foundation

/// What a run of deploy talks to: its standard streams, whether stdin and stderr are terminals, how a line is read
/// from the operator, and how children start. `standard` is the process's own; tests script every part.
public struct DeployIO: Sendable {
    let out: Reporter.Sink
    let err: Reporter.Sink
    let stdinIsTerminal: Bool
    let stderrIsTerminal: Bool
    let readLine: @Sendable () -> String?
    let children: ChildRegistry
    let makeRunner: DeployContext.RunnerFactory?
    /// Whether SIGINT, SIGTERM and SIGHUP are caught (the process's own run only).
    let catchesSignals: Bool
    let streams: StandardStreams
    var pace = Pace()

    init(
        out: @escaping Reporter.Sink, err: @escaping Reporter.Sink, stdinIsTerminal: Bool = false,
        stderrIsTerminal: Bool = false, readLine: @escaping @Sendable () -> String? = { nil },
        children: ChildRegistry = ChildRegistry(), makeRunner: DeployContext.RunnerFactory? = nil,
        catchesSignals: Bool = false, streams: StandardStreams = StandardStreams()
    ) {
        self.out = out
        self.err = err
        self.stdinIsTerminal = stdinIsTerminal
        self.stderrIsTerminal = stderrIsTerminal
        self.readLine = readLine
        self.children = children
        self.makeRunner = makeRunner
        self.catchesSignals = catchesSignals
        self.streams = streams
    }

    /// The process's own stdout, stderr and stdin, real children, and Ctrl-C caught.
    public static var standard: DeployIO {
        let streams = StandardStreams()
        return DeployIO(
            out: streams.out, err: streams.err, stdinIsTerminal: isatty(STDIN_FILENO) != 0,
            stderrIsTerminal: isatty(STDERR_FILENO) != 0,
            readLine: { Prompt.readLineUnbuffered(until: { ChildRegistry.shared.interruption != nil }) },
            children: .shared,
            catchesSignals: true, streams: streams)
    }
}
