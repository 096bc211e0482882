/// What sets the pace of one service's rollout, as ECS and its load balancer have it: how many tasks it runs and how
/// many it may add or take away at once, how long a new task is given before its health checks count, how long its
/// containers get to stop, and for each target group it is registered with, its health check and how long a leaving
/// target drains.
struct RolloutSettings: Codable, Equatable, Sendable {
    struct TargetGroup: Codable, Equatable, Sendable {
        var arn: String
        /// Seconds between health checks; AWS's default is 30.
        var interval: Double = 30
        /// Checks in a row that make a target healthy; AWS's default is 5.
        var healthyThreshold: Int = 5
        var timeout: Double = 5
        /// `deregistration_delay.timeout_seconds`: how long a leaving target keeps its connections; default 300.
        var deregistrationDelay: Double = 300

        /// Seconds from a target's registration to its being healthy, at best.
        var healthy: Double { interval * Double(healthyThreshold) }

        /// `name` of `arn:aws:elasticloadbalancing:...:targetgroup/name/id`.
        var name: String { arn.split(separator: "/").dropFirst().first.map(String.init) ?? arn }
    }

    var desiredCount: Int = 1
    var minimumHealthyPercent: Int = 100
    var maximumPercent: Int = 200
    var healthCheckGracePeriod: Double = 0
    /// The longest `stopTimeout` of the task definition's containers; ECS's default is 30.
    var stopTimeout: Double = 30
    var targetGroups: [TargetGroup] = []
}
