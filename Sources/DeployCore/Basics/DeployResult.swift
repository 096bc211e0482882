/// How a deploy (or rollback) ended, as the summary, the JSON document and the history name it.
enum DeployResult: String, Equatable, Sendable, Codable {
    case deployed
    case failed
    case interrupted
    case dryRun = "dry run"
    case nothingToDeploy = "nothing to deploy"
    /// Stopped before its first step: bad input, a refusal, a failed check.
    case refused
    /// The operator did not type `y`.
    case declined
    /// In the shared history: the deploy began and has not ended (yet).
    case started
    /// In the shared history: it began, never ended, and holds no lock any more: its machine died.
    case unfinished

    /// The result of a deploy that ran, from the error that stopped it (none: deployed).
    init(_ error: DeployError?) {
        switch error {
        case .none: self = .deployed
        case .interrupted, .applyStopped(.interrupted): self = .interrupted
        case .some: self = .failed
        }
    }

    /// The result of a run stopped before its first step.
    init(stoppedBy error: DeployError) {
        switch error {
        case .declined, .noOperator: self = .declined
        case .interrupted: self = .interrupted
        default: self = .refused
        }
    }
}
