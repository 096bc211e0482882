#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Something drawn at the bottom of the terminal (the live board) that every other write must pass while it is
/// there: it takes itself off the screen, lets the text through, and draws itself again below it. So nothing it did
/// not draw is ever drawn over, and nothing of it is left in the scrollback.
protocol Overlay: Sendable {
    func pass(_ text: String, through sink: @escaping Reporter.Sink)
}

/// The terminal's size, as the board fits itself to it: lines never wrap, and never fill the screen.
struct TerminalSize: Equatable, Sendable {
    var columns: Int
    var rows: Int

    /// Of the terminal on `descriptor`; 80 × 24 when it does not say.
    static func of(_ descriptor: Int32) -> TerminalSize {
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else {
            return TerminalSize(columns: 80, rows: 24)
        }
        return TerminalSize(columns: Int(size.ws_col), rows: Int(size.ws_row))
    }
}
