/// The `--changed` verdict for one service: deploy it or not, and why.
struct ServiceChange: Equatable, Sendable, Codable {
    enum Action: String, Equatable, Sendable, Codable {
        case deploy = "DEPLOY"
        case skip
        /// It changed, but its last deploy was rolled back and HEAD would ship the undone commit again.
        case held = "HELD"
    }

    var service: String
    /// The tag ECS runs now, when there is one.
    var liveTag: String?
    /// How many commits HEAD is ahead of the live commit, when known.
    var behind: Int?
    var action: Action
    var reason: String
    /// The changed paths that concern this service (all of them; `reason` names the first few).
    var paths: [String]
    /// True when the live commit is not an ancestor of HEAD (ahead of it, or on another line): deploying would
    /// roll the service back.
    var rollsBack: Bool
    /// Its last deploy was rolled back: what was undone.
    var rolledBack: Rollback?

    init(
        service: String, liveTag: String?, behind: Int?, action: Action, reason: String, paths: [String] = [],
        rollsBack: Bool = false
    ) {
        self.service = service
        self.liveTag = liveTag
        self.behind = behind
        self.action = action
        self.reason = reason
        self.paths = paths
        self.rollsBack = rollsBack
    }
}
