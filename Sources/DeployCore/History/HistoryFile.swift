import Foundation

/// The deploy history of one terraform workspace: `<git dir>/deploy/history-<workspace>.jsonl`, one line per
/// deploy, appended once the deploy ends however it ends. It lives beside the lock, so it is per clone.
struct HistoryFile: Sendable {
    let url: URL

    init(gitDirectory: URL, workspace: String) {
        url = DeployFolder.file("history-\(workspace).jsonl", in: gitDirectory)
    }

    /// Every history file under the git folder (all workspaces).
    static func all(gitDirectory: URL) -> [HistoryFile] {
        DeployFolder.workspaces(in: gitDirectory, prefix: "history-", suffix: ".jsonl").map {
            HistoryFile(gitDirectory: gitDirectory, workspace: $0)
        }
    }

    /// The history could not be written: a warning, never the end of a deploy that already ran.
    struct NotWritten: Error, Equatable {
        var message: String
    }

    /// Appends one line with a single `write` on an `O_APPEND` descriptor, so a line is never torn.
    func append(_ record: HistoryRecord) throws(NotWritten) {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let descriptor = open(url.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw NotWritten(message: "could not record the deploy in \(url.path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let bytes = Array((record.line + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else {
            throw NotWritten(message: "could not record the deploy in \(url.path): short write")
        }
    }

    /// The records, oldest first; a line that does not decode (hand-edited, cut off) is skipped.
    func records() -> [HistoryRecord] { read().records }

    /// The records, oldest first, and the lines that could not be read (`file:3`), which are left out.
    func read() -> (records: [HistoryRecord], unreadable: [String]) {
        guard let data = FileManager.default.contents(atPath: url.path) else { return ([], []) }
        let decoder = JSONDecoder()
        var (records, unreadable): ([HistoryRecord], [String]) = ([], [])
        for (number, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated()
        where !line.isEmpty {
            if let record = try? decoder.decode(HistoryRecord.self, from: Data(line)) {
                records.append(record)
            } else {
                unreadable.append("\(url.lastPathComponent):\(number + 1)")
            }
        }
        return (records, unreadable)
    }
}
