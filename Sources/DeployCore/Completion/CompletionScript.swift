/// `deploy completions <shell>`: the script for one shell, written from the subcommand table.
enum CompletionScript {
    static func text(for shell: Shell) -> String {
        switch shell {
        case .bash: BashCompletion.script
        case .zsh: ZshCompletion.script
        case .fish: FishCompletion.script
        }
    }

    /// Every flag that takes a value: the word after it is that value, not a command.
    static var valueFlags: [FlagSpec] { FlagSpec.table.filter(\.takesValue) }

    /// How the flags may be typed (`-C`, `--directory`, ...), joined as a shell's pattern wants: `|` in a bash
    /// or zsh `case`, a space in fish's `switch`.
    static func spellings(_ flags: [FlagSpec], separator: String) -> String {
        flags.flatMap { (spec) -> [String] in (spec.short.map { ["-\($0)"] } ?? []) + ["--\(spec.name)"] }
            .joined(separator: separator)
    }

    /// A flag's help in one command, up to its first pause or default: short enough for a menu.
    static func shortHelp(_ spec: FlagSpec, _ command: Subcommand) -> String {
        let help = Substring(spec.help[command] ?? "")
        let cut = ["; ", ": ", " (default"].compactMap { help.range(of: $0)?.lowerBound }.min()
        return String(help[..<(cut ?? help.endIndex)])
    }
}
