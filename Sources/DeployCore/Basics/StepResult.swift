/// How one step ended, by name.
enum StepResult: String, Equatable, Sendable, Codable {
    case ok
    case failed
    /// Stopped by a signal (Ctrl-C) the deploy got.
    case interrupted
}
