import Foundation
import Synchronization

/// What deploy needs of each task definition, by ARN, kept under the repository's git folder: its containers'
/// images and the secrets it references. A task definition revision never changes once registered, so an entry
/// can never go stale; it saves one aws call per service on every `--changed` and `deploy status` after the first.
final class TaskDefinitionCache: Sendable {
    struct Entry: Codable, Equatable, Sendable {
        var images: [String]
        var secrets: [SecretReference] = []
        /// The longest `stopTimeout` its containers set; nil: ECS's default (30 s).
        var stopTimeout: Double? = nil
    }

    private let file: URL?
    private let entries: Mutex<[String: Entry]>
    /// ECS service name → the service as this run last read it (never saved: it changes).
    private let current = Mutex<[String: ECSService]>([:])

    init(file: URL?) {
        self.file = file
        let data = file.flatMap { FileManager.default.contents(atPath: $0.path) }
        let decoded = data.flatMap { try? JSONDecoder().decode([String: Entry].self, from: $0) }
        entries = Mutex(decoded ?? [:])
    }

    func images(_ arn: String) -> [String]? { entries.withLock { $0[arn]?.images } }

    func secrets(_ arn: String) -> [SecretReference]? { entries.withLock { $0[arn]?.secrets } }

    func store(_ entry: Entry, for arn: String) { entries.withLock { $0[arn] = entry } }

    func stopTimeout(_ arn: String) -> Double? { entries.withLock { $0[arn]?.stopTimeout } }

    /// What this run last read of each ECS service.
    func saw(_ services: [String: ECSService]) { current.withLock { $0.merge(services) { $1 } } }

    func service(named name: String) -> ECSService? { current.withLock { $0[name] } }

    func taskDefinition(ofService name: String) -> String? { service(named: name)?.taskDefinition }

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
