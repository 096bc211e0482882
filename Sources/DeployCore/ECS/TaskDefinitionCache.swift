import Foundation
import Synchronization

/// Container images by task definition ARN, kept under the repository's git folder. A task definition
/// revision never changes once registered, so an entry can never go stale; it saves one aws call per
/// service on every `--changed` and `deploy status` after the first.
final class TaskDefinitionCache: Sendable {
    private let file: URL?
    private let entries: Mutex<[String: [String]]>

    init(file: URL?) {
        self.file = file
        let data = file.flatMap { FileManager.default.contents(atPath: $0.path) }
        let decoded = data.flatMap { try? JSONDecoder().decode([String: [String]].self, from: $0) }
        entries = Mutex(decoded ?? [:])
    }

    func images(_ arn: String) -> [String]? { entries.withLock { $0[arn] } }

    func store(_ images: [String], for arn: String) { entries.withLock { $0[arn] = images } }

    /// Best effort: a cache that cannot be written only costs time next run.
    func save() {
        guard let file else { return }
        let snapshot = entries.withLock { $0 }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(snapshot) else { return }
        try? FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? data.write(to: file, options: .atomic)
    }
}
