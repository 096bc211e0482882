import Foundation
import Synchronization

/// The board redrawn in place on a terminal while the executor runs, with the notes that matter (a retry)
/// printed above it. Only when stderr is a terminal and NO_COLOR is unset: elsewhere (CI, a pipe) the
/// plain prefixed lines are written, and no escape code ever is.
final class LiveStatus: Board {
    private struct State {
        var states: [Int: StepState] = [:]
        var notes: [String] = []
        var drawn = 0
        var stopped = false
    }

    private let board: ProgressBoard
    private let write: @Sendable (String) -> Void
    private let state = Mutex(State())
    /// Held for a whole drawing, so the last one is finished before a child takes the terminal.
    private let drawing = NSLock()

    init(steps: [Step], write: @escaping @Sendable (String) -> Void) {
        board = ProgressBoard(steps: steps)
        self.write = write
    }

    func update(_ index: Int, _ new: StepState) {
        state.withLock { $0.states[index] = new }
    }

    /// A line to keep above the board (a retry, a warning).
    func note(_ line: String) {
        state.withLock { $0.notes.append(line) }
    }

    /// Redraws twice a second until `stop()`.
    func start() {
        Thread.detachNewThread { [self] in
            while draw(final: false) { Thread.sleep(forTimeInterval: 0.5) }
        }
    }

    /// Draws once more and stops; the board stays on screen. Safe to call twice.
    func stop() {
        _ = draw(final: true)
    }

    /// Returns false once stopped.
    private func draw(final: Bool) -> Bool {
        drawing.lock()
        defer { drawing.unlock() }
        let frame = state.withLock { state -> (notes: [String], lines: [String], previous: Int)? in
            guard !state.stopped else { return nil }
            if final { state.stopped = true }
            let lines = board.lines(states: state.states, now: Date())
            defer {
                state.notes.removeAll()
                state.drawn = lines.count
            }
            return (state.notes, lines, state.drawn)
        }
        guard let frame else { return false }
        let up = frame.previous > 0 ? "\u{1B}[\(frame.previous)A" : ""
        write(up + (frame.notes + frame.lines).map { "\u{1B}[2K" + $0 + "\n" }.joined())
        return !final
    }
}
