import Foundation
import Synchronization

/// The board redrawn in place at the bottom of the terminal while steps run. It draws only its own lines: anything
/// else written meanwhile (terraform's plan, a warning, a note) passes it (`Overlay`): the board is taken off the
/// screen, the text is written where it stood, and the board is drawn again below it. Its lines are cut to the
/// terminal's width and it never takes the whole screen, so it can always be taken off. Only on a terminal (see
/// `OutputStyle.board`): elsewhere (CI, a pipe) the plain prefixed lines are written, and no escape code ever is.
final class LiveStatus: Board, Overlay {
    private struct State {
        var states: [Int: StepState] = [:]
        /// Lines of the board on the screen now.
        var drawn = 0
        var started = false
        var stopped = false
    }

    private let board: ProgressBoard
    private let reporter: Reporter
    private let size: @Sendable () -> TerminalSize
    private let state = Mutex(State())
    /// Held for a whole drawing, and around every write that passes the board.
    private let drawing = NSLock()

    init(steps: [Step], reporter: Reporter, size: @escaping @Sendable () -> TerminalSize = { .of(STDERR_FILENO) }) {
        board = ProgressBoard(steps: steps)
        self.reporter = reporter
        self.size = size
    }

    func update(_ index: Int, _ new: StepState) {
        state.withLock { $0.states[index] = new }
    }

    /// A line to keep above the board (a retry, a warning).
    func note(_ line: String) {
        pass(line + "\n", through: reporter.rawError)
    }

    /// Redraws twice a second until `stop()`; meanwhile every write of the reporter passes the board.
    func start() {
        let first = state.withLock { state in
            defer { state.started = true }
            return !state.started && !state.stopped
        }
        guard first else { return }
        reporter.attach(self)
        Thread.detachNewThread { [self] in
            while draw(final: false) { Thread.sleep(forTimeInterval: 0.5) }
        }
    }

    /// Draws once more and stops; the board's last frame stays on screen. Safe to call twice.
    func stop() {
        guard draw(final: true) else { return }
        reporter.detach()
    }

    func pass(_ text: String, through sink: @escaping Reporter.Sink) {
        drawing.lock()
        defer { drawing.unlock() }
        erase()
        sink(text)
        if !state.withLock(\.stopped) { frame() }
    }

    /// Returns false once stopped.
    @discardableResult
    private func draw(final: Bool) -> Bool {
        drawing.lock()
        defer { drawing.unlock() }
        guard !state.withLock(\.stopped) else { return false }
        erase()
        frame()
        if final { state.withLock { $0.stopped = true } }
        return true
    }

    /// Takes the board off the screen: up over its own lines, and clears from there down.
    private func erase() {
        let drawn = state.withLock(\.drawn)
        guard drawn > 0 else { return }
        reporter.rawError("\u{1B}[\(drawn)A\r\u{1B}[J")
        state.withLock { $0.drawn = 0 }
    }

    /// Draws the board where the cursor is, its lines fitted to the terminal.
    private func frame() {
        let lines = BoardFit.lines(board.lines(states: state.withLock(\.states), now: Date()), size())
        reporter.rawError(lines.map { $0 + "\n" }.joined())
        state.withLock { $0.drawn = lines.count }
    }
}

/// The board's lines as the terminal can show them: each cut to its width (a wrapped line would take two rows the
/// board could not count), and no more of them than leave the screen a few rows. Pure.
enum BoardFit {
    static func lines(_ lines: [String], _ size: TerminalSize) -> [String] {
        let width = max(20, size.columns - 1)
        let room = max(3, size.rows - 4)
        let fitted = lines.map { $0.count > width ? String($0.prefix(width - 1)) + "…" : $0 }
        guard fitted.count > room else { return fitted }
        return Array(fitted.prefix(room - 1)) + ["… and \(fitted.count - room + 1) more"]
    }
}
