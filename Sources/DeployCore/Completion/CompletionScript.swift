/// `deploy completions <shell>`: the script for one shell, written from the subcommand table.
public enum CompletionScript {
    public static func text(for shell: Shell) -> String {
        switch shell {
        case .bash: BashCompletion.script
        case .zsh: ZshCompletion.script
        case .fish: FishCompletion.script
        }
    }

    /// Every flag that takes a value: the word after it is that value, not a command.
    static var valueFlags: [FlagSpec] { DeployFlags.all.filter(\.takesValue) }

    /// How the flags may be typed (`-C`, `--directory`, ...), joined as a shell's pattern wants: `|` in a bash
    /// or zsh `case`, a space in fish's `switch`.
    static func spellings(_ flags: [FlagSpec], separator: String) -> String {
        flags.flatMap { (spec) -> [String] in (spec.short.map { ["-\($0)"] } ?? []) + ["--\(spec.name)"] }
            .joined(separator: separator)
    }

    /// A flag's help up to its first pause or default, short enough for a menu; without the command it
    /// belongs to (`deploy history: ...`), which the menu already shows.
    static func shortHelp(_ spec: FlagSpec) -> String {
        var help = Substring(spec.help)
        if help.hasPrefix("deploy "), let colon = help.range(of: ": ") { help = help[colon.upperBound...] }
        let cut = ["; ", ": ", " (default"].compactMap { help.range(of: $0)?.lowerBound }.min()
        return String(help[..<(cut ?? help.endIndex)])
    }
}
