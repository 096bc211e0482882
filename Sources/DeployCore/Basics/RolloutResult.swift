/// How one service's rollout ended, by name.
enum RolloutResult: String, Equatable, Sendable, Codable {
    case steady
    case failed
    case timedOut = "timed out"
    /// The plan had no changes: nothing was applied, so nothing rolled.
    case unchanged
}
