/// The `--changed` verdict for one service: deploy it or not, and why.
public struct ServiceChange: Equatable, Sendable, Codable {
    public enum Action: String, Equatable, Sendable, Codable {
        case deploy = "DEPLOY"
        case skip
    }

    public var service: String
    /// The tag ECS runs now, when there is one.
    public var liveTag: String?
    /// How many commits HEAD is ahead of the live commit, when known.
    public var behind: Int?
    public var action: Action
    public var reason: String
    /// The changed paths that concern this service (all of them; `reason` names the first few).
    public var paths: [String]
    /// True when the live commit is ahead of HEAD: deploying would roll the service back.
    public var rollsBack: Bool

    public init(service: String, liveTag: String?, behind: Int?, action: Action, reason: String, paths: [String] = [], rollsBack: Bool = false) {
        self.service = service
        self.liveTag = liveTag
        self.behind = behind
        self.action = action
        self.reason = reason
        self.paths = paths
        self.rollsBack = rollsBack
    }
}
