/// A terraform plan as the summary shows it before the `y` (and the JSON document carries it): how many of each
/// action, the services' resources one line per kind, and every other resource that changes by address.
enum TerraformPlanText {
    static func lines(_ plan: TerraformPlan, _ release: Release) -> [String] {
        guard plan.hasChanges else {
            return ["Plan      no changes: nothing to apply, no rollout to watch (the health URLs are still asked)"]
        }
        let order: [TerraformPlan.Action] = [.create, .replace, .update, .destroy]
        let counts = plan.counts
        let head = order.compactMap { action in counts[action].map { "\($0) to \(action.rawValue)" } }.joined(
            separator: ", ")
        let grouped = plan.grouped(by: release.targetTemplates)
        let kinds = grouped.kinds.map { kind in
            let template = kind.template.replacingOccurrences(of: "{service}", with: "*")
            return "          \(template)  "
                + order.compactMap { action in
                    let services = kind.services.filter { $0.action == action }.map(\.service)
                    return services.isEmpty ? nil : "\(action.mark) \(services.count) (\(names(services)))"
                }.joined(separator: ", ")
        }
        let others = grouped.others.map { "          \($0.action.mark)  \($0.address)" }
        return ["Plan      \(head)"] + kinds + (others.isEmpty ? ["          nothing else changes"] : others)
    }

    /// `auth, billing, … (+3)`.
    private static func names(_ services: [String]) -> String {
        services.prefix(6).joined(separator: ", ") + (services.count > 6 ? ", … (+\(services.count - 6))" : "")
    }

    /// The plan in the JSON summary: counts by action and every changed address with its action.
    struct Document: Encodable, Equatable, Sendable {
        var counts: [String: Int]
        var changes: [TerraformPlan.Change]
    }

    static func document(_ plan: TerraformPlan) -> Document {
        Document(
            counts: Dictionary(uniqueKeysWithValues: plan.counts.map { ($0.key.rawValue, $0.value) }),
            changes: plan.changes)
    }
}
