import Foundation
import Synchronization

/// The running steps that have printed nothing for a while: each is said to be still running every `after` seconds
/// of silence, so that a log read from afar (a CI job's, with no board) never looks hung.
final class QuietSteps: Sendable {
    private struct Running {
        var started: Date
        var lastSaid: Date
    }

    let after: Double
    private let running = Mutex<[String: Running]>([:])

    init(after: Double) { self.after = after }

    func start(_ label: String, at now: Date = Date()) {
        running.withLock { $0[label] = Running(started: now, lastSaid: now) }
    }

    /// The step printed a line.
    func said(_ label: String, at now: Date = Date()) { running.withLock { $0[label]?.lastSaid = now } }

    func end(_ label: String) { running.withLock { _ = $0.removeValue(forKey: label) } }

    /// The steps silent for `after` seconds or more, with how long each has run; each counts as having said
    /// something now.
    func due(at now: Date = Date()) -> [(label: String, seconds: Double)] {
        running.withLock { running in
            let quiet = running.filter { now.timeIntervalSince($0.value.lastSaid) >= after }
            for label in quiet.keys { running[label]?.lastSaid = now }
            return quiet.map { ($0.key, now.timeIntervalSince($0.value.started)) }.sorted { $0.label < $1.label }
        }
    }
}
