/// How long a service's rollout should take, from its settings: ECS replaces its tasks in waves (as many at once as
/// its maximum and minimum percentages allow), and each wave starts new tasks, waits for them to be healthy (the
/// grace period, or the target group's health checks), drains the old ones (the deregistration delay) and stops them.
/// A range, since a task's start (pulling the image, the app starting) is not in the settings. Pure.
struct RolloutEstimate: Codable, Equatable, Sendable {
    /// Seconds, at least and at most.
    var low: Double
    var high: Double
    var waves: Int
    /// The part of it that costs the most, and its seconds (over all waves).
    var largest: Part

    struct Part: Codable, Equatable, Sendable {
        var name: String
        var seconds: Double
    }

    /// A task's start: pulling the image and the app coming up, which no setting says.
    static let start = (low: 15.0, high: 45.0)

    init(low: Double, high: Double, waves: Int, largest: Part) {
        (self.low, self.high, self.waves, self.largest) = (low, high, waves, largest)
    }

    init(_ settings: RolloutSettings) {
        let desired = max(0, settings.desiredCount)
        let most = desired * max(100, settings.maximumPercent) / 100
        let fewest = (desired * min(100, max(0, settings.minimumHealthyPercent)) + 99) / 100
        let perWave = max(1, max(most - desired, desired - fewest))
        waves = desired == 0 ? 0 : (desired + perWave - 1) / perWave
        let checks = settings.targetGroups.map(\.healthy).max() ?? 0
        let interval = settings.targetGroups.map(\.interval).max() ?? 0
        let healthy = max(settings.healthCheckGracePeriod, checks)
        let drain = settings.targetGroups.map(\.deregistrationDelay).max() ?? 0
        let count = Double(waves)
        low = count * (Self.start.low + healthy + drain)
        high = count * (Self.start.high + healthy + interval + drain + settings.stopTimeout)
        let parts = [
            Part(name: "the deregistration delay", seconds: count * drain),
            Part(
                name: settings.healthCheckGracePeriod > checks ? "the health check grace period" : "the health checks",
                seconds: count * healthy),
            Part(name: "the tasks' start", seconds: count * Self.start.low),
        ]
        largest = parts.max { $0.seconds < $1.seconds } ?? parts[2]
    }

    /// `~6–7 min`, `~40–90 s`.
    var range: String {
        if high < 120 { return "~\(Int(low.rounded()))–\(Int(high.rounded())) s" }
        let (from, to) = (Int((low / 60).rounded(.down)), Int((high / 60).rounded(.up)))
        return from == to ? "~\(to) min" : "~\(max(1, from))–\(to) min"
    }

    /// `300 s of it is the deregistration delay`, when one part makes much of it.
    var why: String? {
        guard largest.seconds >= 0.4 * low, largest.seconds > 0 else { return nil }
        return "\(Int(largest.seconds.rounded())) s of it is \(largest.name)" + (waves > 1 ? " (\(waves) waves)" : "")
    }

    /// `~6–7 min: 300 s of it is the deregistration delay`.
    var text: String { why.map { "\(range): \($0)" } ?? range }
}
