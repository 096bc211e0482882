/// What the flag parser found: values by flag name, switches that were set, and the words that are not flags.
public struct ParsedFlags: Equatable, Sendable {
    public var values: [String: String] = [:]
    public var switches: Set<String> = []
    public var arguments: [String] = []

    public init() {}

    public func value(_ name: String) -> String? { values[name] }
    public func isSet(_ name: String) -> Bool { switches.contains(name) }
}
