/// One option the command line accepts: `--name`, an optional one-letter alias, and whether it takes a value.
struct FlagSpec: Equatable, Sendable {
    let name: String
    let short: Character?
    let valueName: String?
    let help: String
    /// Left out of the help: a helper the completion scripts call, not an operator.
    let hidden: Bool

    init(
        _ name: String, short: Character? = nil, value valueName: String? = nil, hidden: Bool = false, help: String
    ) {
        self.name = name
        self.short = short
        self.valueName = valueName
        self.hidden = hidden
        self.help = help
    }

    var takesValue: Bool { valueName != nil }

    /// `-y, --yes` or `--var-file <path>`, as the help text shows it.
    var synopsis: String {
        let long = "--\(name)" + (valueName.map { " <\($0)>" } ?? "")
        return short.map { "-\($0), \(long)" } ?? long
    }
}
