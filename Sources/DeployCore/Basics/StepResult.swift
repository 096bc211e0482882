/// How one step ended, by name.
enum StepResult: String, Equatable, Sendable, Codable {
    case ok
    case failed
}
