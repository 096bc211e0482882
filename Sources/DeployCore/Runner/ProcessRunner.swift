import Foundation

/// Runs actions as real child processes with Foundation's `Process`, minding its traps on Linux: both
/// pipes read to their end at once, exit code kept apart from death by signal, PATH looked up by hand,
/// the environment merged rather than replaced, stdin from /dev/null unless the step is interactive,
/// and children launched from a thread whose signal mask is clear.
public final class ProcessRunner: CommandRunner {
    private let environment: [String: String]
    private let workingDirectory: URL
    private let children: ChildRegistry
    /// How long to wait for a child's pipes after it exited, in case a grandchild still holds them.
    private let drainDeadline: Double

    public init(environment: [String: String], workingDirectory: URL, children: ChildRegistry = .shared, drainDeadline: Double = 5) {
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.children = children
        self.drainDeadline = drainDeadline
    }

    public func run(_ action: Action, capture: Bool, output: @escaping @Sendable (OutputLine) -> Void) async throws(DeployError) -> RunResult {
        let outcome: Result<RunResult, DeployError> = await withCheckedContinuation { continuation in
            Thread.detachNewThread { [self] in
                Signals.unblockAll()
                continuation.resume(returning: Result { () throws(DeployError) in try runBlocking(action, capture: capture, output: output) })
            }
        }
        return try outcome.get()
    }

    private func runBlocking(_ action: Action, capture: Bool, output: @escaping @Sendable (OutputLine) -> Void) throws(DeployError) -> RunResult {
        if let signal = children.interruption { throw .interrupted(signal: signal) }
        let collector = OutputCollector(capture: capture, output: output)
        let readers = DispatchGroup()
        switch action {
        case .run(let command):
            let child = try prepare(command)
            child.process.standardInput = command.input == .terminal ? FileHandle.standardInput : FileHandle.nullDevice
            let stdout = Pipe(), stderr = Pipe()
            child.process.standardOutput = stdout
            child.process.standardError = stderr
            try launch(child)
            collector.drain(stdout.fileHandleForReading, as: .stdout, group: readers)
            collector.drain(stderr.fileHandleForReading, as: .stderr, group: readers)
            let status = wait(for: child)
            _ = readers.wait(timeout: .now() + drainDeadline)
            return collector.result(status)
        case .pipe(let producerCommand, let consumerCommand):
            let producer = try prepare(producerCommand), consumer = try prepare(consumerCommand)
            let link = Pipe(), producerErrors = Pipe(), consumerOut = Pipe(), consumerErrors = Pipe()
            producer.process.standardInput = FileHandle.nullDevice
            producer.process.standardOutput = link
            producer.process.standardError = producerErrors
            consumer.process.standardInput = link
            consumer.process.standardOutput = consumerOut
            consumer.process.standardError = consumerErrors
            try launch(consumer)
            do {
                try launch(producer)
            } catch {
                try? link.fileHandleForWriting.close()
                _ = wait(for: consumer)
                throw error
            }
            try? link.fileHandleForWriting.close()
            try? link.fileHandleForReading.close()
            collector.drain(producerErrors.fileHandleForReading, as: .stderr, group: readers)
            collector.drain(consumerOut.fileHandleForReading, as: .stdout, group: readers)
            collector.drain(consumerErrors.fileHandleForReading, as: .stderr, group: readers)
            let producerStatus = wait(for: producer), consumerStatus = wait(for: consumer)
            _ = readers.wait(timeout: .now() + drainDeadline)
            return collector.result(producerStatus.succeeded ? consumerStatus : producerStatus)
        }
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

    private func launch(_ child: Child) throws(DeployError) {
        do {
            try child.process.run()
        } catch {
            throw .launchFailed(command: child.command.rendered, reason: error.localizedDescription)
        }
        children.add(child.process.processIdentifier)
    }

    private func wait(for child: Child) -> TerminationStatus {
        child.exited.wait()
        children.remove(child.process.processIdentifier)
        let code = child.process.terminationStatus
        return child.process.terminationReason == .uncaughtSignal ? .signaled(code) : .exited(code)
    }
}
