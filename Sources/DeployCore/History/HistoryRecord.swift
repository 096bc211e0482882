import Foundation

/// One deploy (or rollback) as the history file keeps it: one JSON object per line.
struct HistoryRecord: Codable, Equatable, Sendable {
    struct Operator: Codable, Equatable, Sendable {
        /// The AWS caller, from `aws sts get-caller-identity`.
        var arn: String
        /// The local login name.
        var user: String
        /// The machine it ran on (absent in records written before the history was shared).
        var host: String? = nil
        /// The CI run it ran in, when it did.
        var run: CIRun? = nil

        /// `ops@laptop-7`, or the run: `alice@actions#123`; as whoever wrote the record wrote it, so inert.
        var name: String {
            run?.short ?? Inert.field(user + (host.map { "@\($0)" } ?? ""), limit: 120)
        }
    }

    struct Service: Codable, Equatable, Sendable {
        var service: String
        var tag: String
        /// What the tag pointed at when this deploy pushed or found it (`sha256:…`); nil when not known.
        var digest: String? = nil
        /// What ECS ran before this deploy, when it could be read: where `deploy rollback` returns to.
        var previousTag: String?
        /// How its rollout ended; nil when not verified.
        var rollout: RolloutResult?
        var steadySeconds: Double?
        /// Why its rollout failed or timed out, kept past ECS's purge of stopped tasks.
        var diagnosis: RolloutDiagnosis? = nil
        /// How long its rollout was expected to take, and where its time went.
        var expected: RolloutEstimate? = nil
        var phases: [RolloutEstimate.Part]? = nil
    }

    struct SPA: Codable, Equatable, Sendable {
        var spa: String
        var tag: String
    }

    struct StepTime: Codable, Equatable, Sendable {
        var step: String
        var seconds: Double
        var result: StepResult
    }

    /// ISO 8601, UTC.
    var time: String
    var by: Operator
    var workspace: String
    var account: String
    var region: String
    /// HEAD's short SHA when the deploy ran.
    var head: String
    var mode: DeployKind
    /// Whether `terraform apply` ran (whatever its result): only such a deploy can have rolled anything.
    var applied: Bool
    var services: [Service]
    var spas: [SPA]
    var steps: [StepTime]
    /// deployed, failed, interrupted.
    var result: DeployResult
    var error: String?
    var seconds: Double
    /// Where an interrupted deploy stopped: the steps that were running, or the rollout watch.
    var stoppedIn: String? = nil
    /// A promote's source environment (its workspace): the images came from there, by digest.
    var promotedFrom: String? = nil

    enum CodingKeys: String, CodingKey {
        case time
        case by = "operator"
        case workspace, account, region, head, mode, applied, services, spas, steps, result, error, seconds
        case stoppedIn, promotedFrom
    }

    var succeeded: Bool { result == .deployed }

    /// One line of JSON, keys sorted.
    var line: String {
        JSONText.line(self)
    }
}
