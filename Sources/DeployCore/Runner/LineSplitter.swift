import Foundation

/// Cuts a byte stream into lines, keeping an unfinished line until its newline (or the end) arrives. Each
/// chunk is scanned once, so a long line costs what its bytes cost; a line longer than `limit` keeps its
/// first `limit` bytes, marked as cut, so a child printing one huge line cannot fill deploy's memory.
struct LineSplitter {
    static let limit = 64 * 1024

    private var pending = Data()
    /// The unfinished line went past `limit`: the rest is dropped until its newline.
    private var cut = false

    /// The bytes kept of the unfinished line (at most `limit`).
    var pendingCount: Int { pending.count }

    mutating func feed(_ chunk: Data) -> [String] {
        var lines: [String] = []
        var start = chunk.startIndex
        while let newline = chunk[start...].firstIndex(of: UInt8(ascii: "\n")) {
            keep(chunk[start..<newline])
            lines.append(take())
            start = chunk.index(after: newline)
        }
        keep(chunk[start...])
        return lines
    }

    mutating func finish() -> [String] {
        pending.isEmpty && !cut ? [] : [take()]
    }

    private mutating func keep(_ bytes: Data.SubSequence) {
        let room = Self.limit - pending.count
        if bytes.count > room {
            pending.append(bytes.prefix(room))
            cut = true
        } else {
            pending.append(bytes)
        }
    }

    private mutating func take() -> String {
        defer {
            pending = Data()
            cut = false
        }
        var line = String(decoding: pending, as: UTF8.self)
        if line.hasSuffix("\r") { line.removeLast() }
        return cut ? line + " [… cut: the line is longer than \(Self.limit / 1024) KiB]" : line
    }
}
