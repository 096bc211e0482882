import Foundation
import Synchronization

/// Gathers what a child prints on its two streams, read by two threads at once: lines go to the
/// reporter as they complete, stdout is kept whole when the caller captures it, and a tail is kept for errors.
final class OutputCollector: Sendable {
    private struct State {
        var splitters: [OutputLine.Stream: LineSplitter] = [.stdout: LineSplitter(), .stderr: LineSplitter()]
        var stdout = Data()
        var tail = Tail(limit: 20)
    }

    private let state = Mutex(State())
    private let capture: Bool
    private let output: @Sendable (OutputLine) -> Void

    init(capture: Bool, output: @escaping @Sendable (OutputLine) -> Void) {
        self.capture = capture
        self.output = output
    }

    /// Reads `handle` to its end on a thread of its own; `group` is left when it is done.
    func drain(_ handle: FileHandle, as stream: OutputLine.Stream, group: DispatchGroup) {
        group.enter()
        Thread.detachNewThread { [self] in
            while case let chunk = handle.availableData, !chunk.isEmpty { take(chunk, from: stream) }
            finish(stream)
            group.leave()
        }
    }

    func result(_ status: TerminationStatus) -> RunResult {
        state.withLock { RunResult(status: status, stdout: $0.stdout, tail: $0.tail.lines) }
    }

    private func take(_ chunk: Data, from stream: OutputLine.Stream) {
        if capture && stream == .stdout {
            state.withLock { $0.stdout.append(chunk) }
            return
        }
        let lines = state.withLock { state -> [String] in
            let lines = state.splitters[stream]!.feed(chunk)
            for line in lines { state.tail.append(line) }
            return lines
        }
        for line in lines { output(OutputLine(stream, line)) }
    }

    private func finish(_ stream: OutputLine.Stream) {
        let lines = state.withLock { state -> [String] in
            let lines = state.splitters[stream]!.finish()
            for line in lines { state.tail.append(line) }
            return lines
        }
        for line in lines { output(OutputLine(stream, line)) }
    }
}
