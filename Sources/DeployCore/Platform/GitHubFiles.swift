import Foundation
import Synchronization

/// The files a GitHub Actions step writes to be read after it: the job summary (`GITHUB_STEP_SUMMARY`, Markdown
/// shown on the run's page) and the step's outputs (`GITHUB_OUTPUT`, `name=value` lines for later steps). Each is
/// written once per run (the run's end, or the error that ended it first); a write that fails is a warning's matter
/// for the caller, never the deploy's failure.
final class GitHubFiles: Sendable {
    let summary: URL?
    let outputs: URL?
    private let written = Mutex(false)

    init?(environment: [String: String]) {
        func file(_ name: String) -> URL? {
            environment[name].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
        }
        summary = file("GITHUB_STEP_SUMMARY")
        outputs = file("GITHUB_OUTPUT")
        if summary == nil && outputs == nil { return nil }
    }

    /// Whether this run's summary and outputs were written.
    var done: Bool { written.withLock { $0 } }

    /// Appends the Markdown and the outputs, once; returns what could not be written.
    func write(summary markdown: String, outputs values: [(String, String)]) -> [String] {
        guard
            written.withLock({ (was: inout Bool) -> Bool in
                defer { was = true }
                return !was
            })
        else { return [] }
        var failures: [String] = []
        if let summary, let why = Self.append(markdown.hasSuffix("\n") ? markdown : markdown + "\n", to: summary) {
            failures.append("the job summary (\(summary.path)): \(why)")
        }
        let lines = values.map { Self.output($0.0, $0.1) }.joined()
        if let outputs, !lines.isEmpty, let why = Self.append(lines, to: outputs) {
            failures.append("the step's outputs (\(outputs.path)): \(why)")
        }
        return failures
    }

    /// One output as `GITHUB_OUTPUT` reads it: `name=value`, or, for a value on several lines, between delimiters
    /// that the value cannot contain.
    static func output(_ name: String, _ value: String) -> String {
        guard value.contains("\n") || value.contains("\r") else { return "\(name)=\(value)\n" }
        var delimiter = "DEPLOY_EOF"
        while value.contains(delimiter) { delimiter += "_" }
        return "\(name)<<\(delimiter)\n\(value)\n\(delimiter)\n"
    }

    private static func append(_ text: String, to file: URL) -> String? {
        guard let handle = FileHandle(forWritingAtPath: file.path) else {
            guard FileManager.default.createFile(atPath: file.path, contents: Data(text.utf8)) else {
                return "cannot be opened"
            }
            return nil
        }
        defer { try? handle.close() }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
            return nil
        } catch {
            return "\(error.localizedDescription)"
        }
    }
}
