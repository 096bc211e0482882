import Foundation

/// What a saved terraform plan will change, read from `terraform show -json`: each resource's address and
/// action. Pure: the summary before the `y`, the refusal of a destroy nobody asked for, and the JSON.
struct TerraformPlan: Equatable, Sendable {
    enum Action: String, Equatable, Sendable, Codable {
        case create, update, replace, destroy

        /// `+ create`, `~ update`, `-/+ replace`, `- destroy`: as terraform marks them.
        var mark: String {
            switch self {
            case .create: return "+ create"
            case .update: return "~ update"
            case .replace: return "-/+ replace"
            case .destroy: return "- destroy"
            }
        }
    }

    struct Change: Equatable, Sendable, Codable {
        var address: String
        var action: Action
    }

    /// Every resource that changes (no-ops and reads left out), in terraform's order.
    var changes: [Change]
    /// The secrets of the task definitions it registers (`aws_ecs_task_definition`), by resource address: the new
    /// revisions' tasks will read them.
    var secrets: [String: [SecretReference]] = [:]

    var hasChanges: Bool { !changes.isEmpty }

    /// Decodes `terraform show -json <planfile>`; only what changes is read (never the variables' values).
    init(showJSON data: Data) throws(DeployError) {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw .configuration("`terraform show -json` did not print a JSON object for the saved plan")
        }
        let rows = object["resource_changes"] as? [[String: Any]] ?? []
        changes = rows.compactMap { row in
            guard let address = row["address"] as? String,
                let actions = (row["change"] as? [String: Any])?["actions"] as? [String],
                let action = Self.action(actions)
            else { return nil }
            return Change(address: address, action: action)
        }
        secrets = Self.secrets(rows)
    }

    /// From each created or replaced `aws_ecs_task_definition`'s `container_definitions` (a JSON string).
    private static func secrets(_ rows: [[String: Any]]) -> [String: [SecretReference]] {
        var found: [String: [SecretReference]] = [:]
        for row in rows where row["type"] as? String == "aws_ecs_task_definition" {
            guard let address = row["address"] as? String,
                let after = (row["change"] as? [String: Any])?["after"] as? [String: Any],
                let text = after["container_definitions"] as? String,
                let containers = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]
            else { continue }
            let references = SecretReference.all(inTaskDefinition: ["containerDefinitions": containers])
            if !references.isEmpty { found[address] = references }
        }
        return found
    }

    init(changes: [Change]) { self.changes = changes }

    /// terraform's action list as one action; nil for no-op and read.
    static func action(_ actions: [String]) -> Action? {
        switch Set(actions) {
        case ["create"]: return .create
        case ["update"]: return .update
        case ["delete"]: return .destroy
        case ["delete", "create"]: return .replace
        default: return nil
        }
    }

    /// How many of each action.
    var counts: [Action: Int] { changes.reduce(into: [:]) { $0[$1.action, default: 0] += 1 } }
}

extension TerraformPlan {
    /// The services' resources, by `targets` template (`{service}` matching any name), and the rest.
    struct Grouped: Equatable, Sendable {
        struct Kind: Equatable, Sendable {
            var template: String
            /// Service → its resource's action.
            var services: [(service: String, action: Action)]

            static func == (a: Kind, b: Kind) -> Bool {
                a.template == b.template && a.services.map(\.service) == b.services.map(\.service)
                    && a.services.map(\.action) == b.services.map(\.action)
            }
        }

        var kinds: [Kind]
        var others: [Change]
    }

    func grouped(by templates: [String]) -> Grouped {
        var kinds = templates.map { Grouped.Kind(template: $0, services: []) }
        var others: [Change] = []
        for change in changes {
            if let (index, service) = Self.match(change.address, templates) {
                kinds[index].services.append((service, change.action))
            } else {
                others.append(change)
            }
        }
        return Grouped(kinds: kinds.filter { !$0.services.isEmpty }, others: others)
    }

    /// The template index and the service an address is the resource of, if it is one.
    static func match(_ address: String, _ templates: [String]) -> (Int, String)? {
        for (index, template) in templates.enumerated() {
            let parts = template.components(separatedBy: "{service}")
            guard parts.count == 2, address.hasPrefix(parts[0]), address.hasSuffix(parts[1]),
                address.count > parts[0].count + parts[1].count
            else { continue }
            let service = String(address.dropFirst(parts[0].count).dropLast(parts[1].count))
            if Names.isServiceName(service) { return (index, service) }
        }
        return nil
    }

    /// What it would destroy (or replace) besides the services' task definitions (a `targets` template that names
    /// a task definition: a new revision replaces the old one by design). Refused unless `--allow-destroy`.
    func unexpectedDestroys(templates: [String]) -> [Change] {
        changes.filter { change in
            guard change.action == .destroy || change.action == .replace else { return false }
            guard let (index, _) = Self.match(change.address, templates) else { return true }
            return !templates[index].contains("task_definition")
        }
    }
}
