/// What the flag parser found: values and switches by flag, and the words that are not flags.
struct ParsedFlags: Equatable, Sendable {
    var values: [Flag: String] = [:]
    var switches: Set<Flag> = []
    var arguments: [String] = []

    init() {}

    subscript(_ flag: Flag) -> String? { values[flag] }

    func has(_ flag: Flag) -> Bool { switches.contains(flag) }

    /// Every flag given, switch or value.
    var given: Set<Flag> { switches.union(values.keys) }
}
