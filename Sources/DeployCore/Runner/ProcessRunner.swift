import Foundation

/// Runs actions as real child processes with Foundation's `Process`, minding its traps on Linux: both
/// pipes read to their end at once, exit code kept apart from death by signal, PATH looked up by hand,
/// the environment merged rather than replaced, stdin from /dev/null unless the step is interactive,
/// and children launched from a thread whose signal mask is clear.
final class ProcessRunner: CommandRunner {
    private let environment: [String: String]
    private let workingDirectory: URL
    private let children: ChildRegistry
    /// How long to wait for a child's pipes after it exited, in case a grandchild still holds them.
    private let drainDeadline: Double

    init(
        environment: [String: String], workingDirectory: URL, children: ChildRegistry = .shared,
        drainDeadline: Double = 5
    ) {
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.children = children
        self.drainDeadline = drainDeadline
    }

    func run(_ action: Action, capture: Bool, output: @escaping @Sendable (OutputLine) -> Void)
        async throws(DeployError) -> RunResult
    {
        let outcome: Result<RunResult, DeployError> = await withCheckedContinuation { continuation in
            Thread.detachNewThread { [self] in
                Signals.unblockAll()
                continuation.resume(
                    returning: Result { () throws(DeployError) in
                        try runBlocking(action, capture: capture, output: output)
                    })
            }
        }
        return try outcome.get()
    }

    private func runBlocking(_ action: Action, capture: Bool, output: @escaping @Sendable (OutputLine) -> Void)
        throws(DeployError) -> RunResult
    {
        if let signal = children.interruption { throw .interrupted(signal: signal) }
        let collector = OutputCollector(capture: capture, output: output)
        let result: RunResult
        switch action {
        case .run(let command) where command.input == .terminal: result = try runInteractive(command)
        case .run(let command): result = try runOne(command, into: collector)
        case .pipe(let producer, let consumer): result = try runPipe(producer, into: consumer, collector: collector)
        }
        if let signal = children.interruption, !result.status.succeeded { throw .interrupted(signal: signal) }
        return result
    }

    private func runOne(_ command: Command, into collector: OutputCollector) throws(DeployError) -> RunResult {
        let child = try prepare(command)
        let (stdout, stderr) = try launch(child) { () -> (Pipe, Pipe) in
            let stdout = Pipe()
            let stderr = Pipe()
            child.process.standardInput = FileHandle.nullDevice
            child.process.standardOutput = stdout
            child.process.standardError = stderr
            return (stdout, stderr)
        }
        let readers = DispatchGroup()
        collector.drain(stdout.fileHandleForReading, as: .stdout, group: readers)
        collector.drain(stderr.fileHandleForReading, as: .stderr, group: readers)
        let status = wait(for: child)
        _ = readers.wait(timeout: .now() + drainDeadline)
        return collector.result(status)
    }

    /// A step that talks to the operator (terraform's own approval prompt): the terminal is the child's
    /// while it runs, its output goes straight to stderr, unprefixed, so a prompt without a newline shows.
    private func runInteractive(_ command: Command) throws(DeployError) -> RunResult {
        let child = try prepare(command)
        try launch(child) {
            child.process.standardInput = FileHandle.standardInput
            child.process.standardOutput = FileHandle.standardError
            child.process.standardError = FileHandle.standardError
        }
        let handedOver = TerminalForeground.give(to: child.process.processIdentifier)
        let status = wait(for: child)
        if handedOver { TerminalForeground.takeBack() }
        return RunResult(status: status)
    }

    /// `producer | consumer`, the data flowing from one child to the other without passing through here.
    private func runPipe(_ producerCommand: Command, into consumerCommand: Command, collector: OutputCollector)
        throws(DeployError) -> RunResult
    {
        let producer = try prepare(producerCommand)
        let consumer = try prepare(consumerCommand)
        let (link, consumerOut, consumerErrors) = try launch(consumer) { () -> (Pipe, Pipe, Pipe) in
            let link = Pipe()
            let out = Pipe()
            let errors = Pipe()
            consumer.process.standardInput = link
            consumer.process.standardOutput = out
            consumer.process.standardError = errors
            return (link, out, errors)
        }
        let producerErrors: Pipe
        do {
            producerErrors = try launch(producer) { () -> Pipe in
                let errors = Pipe()
                producer.process.standardInput = FileHandle.nullDevice
                producer.process.standardOutput = link
                producer.process.standardError = errors
                return errors
            }
        } catch {
            try? link.fileHandleForWriting.close()
            _ = wait(for: consumer)
            throw error
        }
        try? link.fileHandleForWriting.close()
        try? link.fileHandleForReading.close()
        let readers = DispatchGroup()
        collector.drain(producerErrors.fileHandleForReading, as: .stderr, group: readers)
        collector.drain(consumerOut.fileHandleForReading, as: .stdout, group: readers)
        collector.drain(consumerErrors.fileHandleForReading, as: .stderr, group: readers)
        let producerStatus = wait(for: producer)
        let consumerStatus = wait(for: consumer)
        _ = readers.wait(timeout: .now() + drainDeadline)
        return collector.result(Self.pipeStatus(producer: producerStatus, consumer: consumerStatus))
    }

    /// The status that names the real cause: the producer's own failure first (no password means the
    /// consumer fails too); a producer killed by SIGPIPE only because the consumer quit early is the
    /// consumer's failure.
    static func pipeStatus(producer: TerminationStatus, consumer: TerminationStatus) -> TerminationStatus {
        if case .exited(let code) = producer, code != 0 { return producer }
        if !consumer.succeeded { return consumer }
        return producer
    }

    private struct Child {
        let command: Command
        let process: Process
        let exited: DispatchSemaphore
    }

    private func prepare(_ command: Command) throws(DeployError) -> Child {
        let merged = environment.merging(command.environment) { $1 }
        let process = Process()
        process.executableURL = try ExecutableLookup.find(command.tool, path: merged["PATH"])
        process.arguments = command.arguments
        process.environment = merged
        process.currentDirectoryURL = workingDirectory
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        return Child(command: command, process: process, exited: exited)
    }

    /// Makes the child's pipes and starts it under one process-wide lock: Foundation does not mark pipe
    /// descriptors close-on-exec, so a pipe made by another thread mid-launch could leak into this child
    /// and keep that other child looking alive. The child is registered before the lock is let go, so
    /// Ctrl-C always finds it.
    @discardableResult
    private func launch<Pipes>(_ child: Child, wiring: () -> Pipes) throws(DeployError) -> Pipes {
        let result: Result<Pipes, DeployError> = Self.launchLock.withLock {
            let pipes = wiring()
            children.reserve()
            do {
                try child.process.run()
            } catch {
                children.cancelReservation()
                return .failure(.launchFailed(command: child.command.rendered, reason: error.localizedDescription))
            }
            children.add(child.process.processIdentifier, patient: child.command.stopsSlowly)
            return .success(pipes)
        }
        return try result.get()
    }

    private static let launchLock = NSLock()

    private func wait(for child: Child) -> TerminationStatus {
        child.exited.wait()
        children.remove(child.process.processIdentifier)
        let code = child.process.terminationStatus
        return child.process.terminationReason == .uncaughtSignal ? .signaled(code) : .exited(code)
    }
}
