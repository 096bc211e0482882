/// One option the command line accepts: `--name`, an optional one-letter alias, and whether it takes a value.
public struct FlagSpec: Equatable, Sendable {
    public let name: String
    public let short: Character?
    public let valueName: String?
    public let help: String

    public init(_ name: String, short: Character? = nil, value valueName: String? = nil, help: String) {
        self.name = name
        self.short = short
        self.valueName = valueName
        self.help = help
    }

    public var takesValue: Bool { valueName != nil }

    /// `-y, --yes` or `--var-file <path>`, as the help text shows it.
    public var synopsis: String {
        let long = "--\(name)" + (valueName.map { " <\($0)>" } ?? "")
        return short.map { "-\($0), \(long)" } ?? long
    }
}
