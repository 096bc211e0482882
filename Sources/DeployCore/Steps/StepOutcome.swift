/// What happened to one step of a walk.
struct StepOutcome: Equatable, Sendable {
    var step: Step
    var status: TerminationStatus
    var seconds: Double
    var attempts = 1
    /// Seconds from the start of the walk, for the order of events.
    var started = 0.0

    /// The signal that stopped it, when it did not succeed because the deploy was interrupted.
    var interruption: Int32? = nil

    /// The digest a push (or a remote builder's build and push) reported for its image.
    var digest: String? = nil

    var succeeded: Bool { step.accepts(status) }

    /// ok or failed, as the summary and the history name it.
    var result: StepResult { succeeded ? .ok : interruption != nil ? .interrupted : .failed }
}
