/// What the flag parser found: values by flag name, switches that were set, and the words that are not flags.
struct ParsedFlags: Equatable, Sendable {
    var values: [String: String] = [:]
    var switches: Set<String> = []
    var arguments: [String] = []

    init() {}

    func value(_ name: String) -> String? { values[name] }
    func isSet(_ name: String) -> Bool { switches.contains(name) }
}
