import Foundation

/// Where a rollout's time went, read from the service's ECS events since the apply: each stretch of time is the
/// phase the event that ends it closes (tasks launched, started and registered with the load balancer, healthy so the
/// old ones drain, the old ones gone, steady). Summed over the waves. Pure.
enum RolloutPhases {
    /// The phases with their seconds, in order of first appearance; empty when the events tell nothing.
    static func phases(_ events: [ECSService.Event], since start: Date, steadyAt end: Date? = nil)
        -> [RolloutEstimate.Part]
    {
        let ordered = events.compactMap { event in event.at.map { ($0, event.message) } }
            .filter { $0.0 >= start }.sorted { $0.0 < $1.0 }
        var seconds: [String: Double] = [:]
        var order: [String] = []
        var last = start
        for (at, message) in ordered {
            guard let phase = phase(closedBy: message) else { continue }
            if seconds[phase] == nil { order.append(phase) }
            seconds[phase, default: 0] += at.timeIntervalSince(last)
            last = at
        }
        if let end, end > last, !order.isEmpty {
            if seconds["settling"] == nil { order.append("settling") }
            seconds["settling", default: 0] += end.timeIntervalSince(last)
        }
        return order.map { RolloutEstimate.Part(name: $0, seconds: seconds[$0] ?? 0) }
    }

    /// The phase whose end an event marks.
    static func phase(closedBy message: String) -> String? {
        if message.contains("has started") { return "launching" }
        if message.contains("registered") && !message.contains("deregistered") { return "starting" }
        if message.contains("has begun draining") { return "health checks" }
        if message.contains("deregistered") || message.contains("has stopped") { return "draining" }
        if message.contains("has reached a steady state") { return "settling" }
        return nil
    }

    /// The longest phase.
    static func longest(_ phases: [RolloutEstimate.Part]) -> RolloutEstimate.Part? {
        phases.max { $0.seconds < $1.seconds }
    }
}
