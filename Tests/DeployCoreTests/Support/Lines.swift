import Synchronization

@testable import DeployCore

/// Lines collected from a runner's callback, which reader threads call concurrently.
final class Lines: Sendable {
    private let lines = Mutex<[OutputLine]>([])
    func append(_ line: OutputLine) { lines.withLock { $0.append(line) } }
    var all: [OutputLine] { lines.withLock { $0 } }
    func count(_ stream: OutputLine.Stream) -> Int { all.filter { $0.stream == stream }.count }
}
