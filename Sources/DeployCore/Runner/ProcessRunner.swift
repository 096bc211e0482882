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
        if let signal = children.refusal { throw .interrupted(signal: signal) }
        let collector = OutputCollector(capture: capture, output: output)
        var result: RunResult
        switch action {
        case .run(let command) where command.input == .terminal: result = try runInteractive(command)
        case .run(let command) where command.log != nil: result = try runLogged(command, into: collector)
        case .run(let command): result = try runOne(command, into: collector)
        case .pipe(let producer, let consumer): result = try runPipe(producer, into: consumer, collector: collector)
        }
        // The caller tells an interrupted child from a failed one; the status stays what really happened.
        if let signal = children.interruption, !result.status.succeeded { result.interruption = signal }
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
        let ended = wait(for: child)
        _ = readers.wait(timeout: .now() + drainDeadline)
        return collector.result(ended)
    }

    /// A child writing to a file rather than to pipes (see `Command.log`): the file is followed as it grows,
    /// and whatever happens to deploy, the child can write on to its end.
    private func runLogged(_ command: Command, into collector: OutputCollector) throws(DeployError) -> RunResult {
        let path = command.log ?? "/dev/null"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw .launchFailed(
                command: command.rendered, reason: "could not open \(path): \(String(cString: strerror(errno)))")
        }
        let file = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        let child = try prepare(command)
        try launch(child) {
            child.process.standardInput = FileHandle.nullDevice
            child.process.standardOutput = file
            child.process.standardError = file
        }
        try? file.close()
        let readers = DispatchGroup()
        let over = Latch()
        collector.follow(path, group: readers, until: over)
        let ended = wait(for: child)
        over.set()
        readers.wait()
        return collector.result(ended)
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
        let ended = wait(for: child)
        if handedOver { TerminalForeground.takeBack() }
        var result = RunResult(status: ended.status)
        result.timedOut = ended.timedOut
        return result
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
        let producerEnded = wait(for: producer)
        let consumerEnded = wait(for: consumer)
        _ = readers.wait(timeout: .now() + drainDeadline)
        let status = Self.pipeStatus(producer: producerEnded.status, consumer: consumerEnded.status)
        return collector.result(Ended(status: status, timedOut: producerEnded.timedOut || consumerEnded.timedOut))
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
        var command = command
        // A cleanup's call after an interruption gets a deadline of its own: the operator is waiting to get out.
        if children.cleaningAfterInterruption && command.timeout == nil {
            command.timeout = Command.Timeout(seconds: ChildRegistry.cleanupDeadline, grace: 1)
        }
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

    /// How a child ended, and whether it had to be stopped for running past its timeout.
    struct Ended {
        var status: TerminationStatus
        var timedOut = false
    }

    /// Waits for the child's end; past its timeout, its group is asked to stop (SIGINT), then killed after
    /// the grace period.
    private func wait(for child: Child) -> Ended {
        var timedOut = false
        if let timeout = child.command.timeout {
            if child.exited.wait(timeout: .now() + timeout.seconds) == .timedOut {
                timedOut = true
                stop(child.process.processIdentifier, grace: timeout.grace, unless: child.exited)
            }
        } else {
            child.exited.wait()
        }
        children.remove(child.process.processIdentifier)
        let code = child.process.terminationStatus
        let status: TerminationStatus =
            child.process.terminationReason == .uncaughtSignal ? .signaled(code) : .exited(code)
        return Ended(status: status, timedOut: timedOut)
    }

    /// SIGINT to the group, then SIGKILL if it has not ended `grace` seconds later; returns once it ended.
    private func stop(_ group: pid_t, grace: Double, unless exited: DispatchSemaphore) {
        if kill(-group, SIGINT) != 0 { kill(group, SIGINT) }
        if exited.wait(timeout: .now() + grace) == .timedOut {
            if kill(-group, SIGKILL) != 0 { kill(group, SIGKILL) }
            exited.wait()
        }
    }
}
