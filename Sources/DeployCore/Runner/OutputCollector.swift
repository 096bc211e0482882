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

    /// Reads the file at `path` as it grows, on a thread of its own, until `over` is set and its end is
    /// read; `group` is left when it is done. Its lines are the child's (stdout and stderr, as written).
    func follow(_ path: String, group: DispatchGroup, until over: Latch) {
        group.enter()
        Thread.detachNewThread { [self] in
            defer { group.leave() }
            guard let handle = FileHandle(forReadingAtPath: path) else { return }
            while true {
                let ended = over.isSet
                let chunk = handle.availableData
                if !chunk.isEmpty {
                    take(chunk, from: .stdout)
                } else if ended {
                    break
                } else {
                    Thread.sleep(forTimeInterval: 0.1)
                }
            }
            finish(.stdout)
        }
    }

    func result(_ ended: ProcessRunner.Ended) -> RunResult {
        var result = state.withLock { RunResult(status: ended.status, stdout: $0.stdout, tail: $0.tail.lines) }
        result.timedOut = ended.timedOut
        return result
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
