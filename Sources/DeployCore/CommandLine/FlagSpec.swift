/// One flag's entry in the table: its one-letter alias, the value it takes, what a completion offers for that
/// value, and for each command that takes it, its help line there.
struct FlagSpec: Sendable {
    let flag: Flag
    let short: Character?
    /// The value's placeholder in the help (`path`, `n`); nil for a switch.
    let valueName: String?
    let completion: CompletionValue
    /// Left out of the help: a helper the completion scripts call, not an operator.
    let hidden: Bool
    /// The commands that take it, each with its help line.
    let help: [Subcommand: String]

    /// `commands` share `help`; `except` words it otherwise for some of them.
    init(
        _ flag: Flag, short: Character? = nil, value valueName: String? = nil, completion: CompletionValue = .free,
        hidden: Bool = false, for commands: [Subcommand], help: String, except: [Subcommand: String] = [:]
    ) {
        self.flag = flag
        self.short = short
        self.valueName = valueName
        self.completion = completion
        self.hidden = hidden
        self.help = Dictionary(uniqueKeysWithValues: commands.map { ($0, help) }).merging(except) { $1 }
    }

    var name: String { flag.rawValue }
    var takesValue: Bool { valueName != nil }

    func takes(_ command: Subcommand) -> Bool { help[command] != nil }

    /// `-y, --yes` or `--var-file <path>`, as the help text shows it.
    var synopsis: String {
        let long = "--\(name)" + (valueName.map { " <\($0)>" } ?? "")
        return short.map { "-\($0), \(long)" } ?? long
    }

    /// The table, in `Flag`'s order.
    static let table: [FlagSpec] = FlagTable.entries.sorted {
        Flag.allCases.firstIndex(of: $0.flag)! < Flag.allCases.firstIndex(of: $1.flag)!
    }

    static let byFlag: [Flag: FlagSpec] = Dictionary(uniqueKeysWithValues: table.map { ($0.flag, $0) })
}
