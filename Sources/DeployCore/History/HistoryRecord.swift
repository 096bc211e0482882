import Foundation

/// One deploy (or rollback) as the history file keeps it: one JSON object per line.
public struct HistoryRecord: Codable, Equatable, Sendable {
    public struct Operator: Codable, Equatable, Sendable {
        /// The AWS caller, from `aws sts get-caller-identity`.
        public var arn: String
        /// The local login name.
        public var user: String
    }

    public struct Service: Codable, Equatable, Sendable {
        public var service: String
        public var tag: String
        /// What ECS ran before this deploy, when it could be read: where `deploy rollback` returns to.
        public var previousTag: String?
        /// steady, failed, timed out; nil when not verified.
        public var rollout: String?
        public var steadySeconds: Double?
    }

    public struct SPA: Codable, Equatable, Sendable {
        public var spa: String
        public var tag: String
    }

    public struct StepTime: Codable, Equatable, Sendable {
        public var step: String
        public var seconds: Double
        public var result: String
    }

    /// ISO 8601, UTC.
    public var time: String
    public var by: Operator
    public var workspace: String
    public var account: String
    public var region: String
    /// HEAD's short SHA when the deploy ran.
    public var head: String
    /// full, services, changed, images only, rollback.
    public var mode: String
    /// Whether `terraform apply` ran (whatever its result): only such a deploy can have rolled anything.
    public var applied: Bool
    public var services: [Service]
    public var spas: [SPA]
    public var steps: [StepTime]
    /// deployed, failed, interrupted.
    public var result: String
    public var error: String?
    public var seconds: Double

    enum CodingKeys: String, CodingKey {
        case time, by = "operator", workspace, account, region, head, mode, applied, services, spas, steps, result, error, seconds
    }

    public var succeeded: Bool { result == "deployed" }

    /// One line of JSON, keys sorted.
    public var line: String {
        JSONText.line(self)
    }
}
