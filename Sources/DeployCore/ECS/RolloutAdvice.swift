/// The settings that make a service's rollout slow, against values that suit a service whose requests last under a
/// second and whose app starts within half a minute: each with what it would save per deploy and the terraform
/// attribute to change. Advice only: deploy never changes a setting. Pure.
enum RolloutAdvice {
    struct Tip: Codable, Equatable, Sendable {
        var service: String
        var setting: String
        var now: String
        var suggested: String
        /// Seconds saved per deploy.
        var saves: Double
        /// The terraform attribute to change.
        var terraform: String

        var text: String {
            "\(service): \(setting) \(now) → \(suggested) saves \(RolloutAdvice.time(saves)) per deploy: \(terraform)"
        }
    }

    static let fast = (deregistrationDelay: 30.0, interval: 10.0, healthyThreshold: 2, grace: 30.0)

    /// The tips worth half a minute or more, the largest saving first.
    static func tips(_ service: String, _ settings: RolloutSettings) -> [Tip] {
        let waves = Double(RolloutEstimate(settings).waves)
        let checks = settings.targetGroups.map(\.healthy).max() ?? 0
        let grace = settings.healthCheckGracePeriod
        var tips: [Tip] = []
        if let group = settings.targetGroups.max(by: { $0.deregistrationDelay < $1.deregistrationDelay }),
            group.deregistrationDelay > fast.deregistrationDelay
        {
            tips.append(
                Tip(
                    service: service, setting: "deregistration delay", now: seconds(group.deregistrationDelay),
                    suggested: seconds(fast.deregistrationDelay),
                    saves: waves * (group.deregistrationDelay - fast.deregistrationDelay),
                    terraform: "`deregistration_delay = \(Int(fast.deregistrationDelay))` on aws_lb_target_group "
                        + "\(group.name)"))
        }
        let quick = fast.interval * Double(fast.healthyThreshold)
        if let group = settings.targetGroups.max(by: { $0.healthy < $1.healthy }), group.healthy > quick {
            tips.append(
                Tip(
                    service: service, setting: "health checks",
                    now: "\(group.healthyThreshold) × \(seconds(group.interval))",
                    suggested: "\(fast.healthyThreshold) × \(seconds(fast.interval))",
                    saves: waves * (max(grace, checks) - max(grace, quick)),
                    terraform: "`health_check { interval = \(Int(fast.interval)), healthy_threshold = "
                        + "\(fast.healthyThreshold) }` on aws_lb_target_group \(group.name)"))
        }
        if grace > max(checks, fast.grace) {
            tips.append(
                Tip(
                    service: service, setting: "health check grace period", now: seconds(grace),
                    suggested: seconds(fast.grace), saves: waves * (grace - max(checks, fast.grace)),
                    terraform: "`health_check_grace_period_seconds = \(Int(fast.grace))` on its aws_ecs_service (if "
                        + "the app starts within it)"))
        }
        return tips.filter { $0.saves >= 30 }.sorted { $0.saves > $1.saves }
    }

    static func seconds(_ value: Double) -> String { "\(Int(value.rounded())) s" }

    /// `~4.5 min`, `~40 s`.
    static func time(_ value: Double) -> String {
        if value < 90 { return "~\(Int(value.rounded())) s" }
        let minutes = (value / 30).rounded() / 2
        return minutes == minutes.rounded() ? "~\(Int(minutes)) min" : "~\(minutes) min"
    }
}
