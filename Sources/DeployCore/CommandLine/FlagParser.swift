/// A small command-line parser with the conventions operators expect: `--name value` and `--name=value`,
/// one-letter aliases (`-y`, `-C DIR`), `--` ends options, and "did you mean" for a mistyped flag.
struct FlagParser: Sendable {
    let specs: [FlagSpec]
    /// For a mistyped flag: the flags the command word seen so far takes, and how its help is asked for.
    let context: @Sendable (_ command: String?) -> (flags: [FlagSpec], help: String)

    init(
        _ specs: [FlagSpec] = FlagSpec.table,
        context: @escaping @Sendable (_ command: String?) -> (flags: [FlagSpec], help: String) = { _ in
            ([], "deploy --help")
        }
    ) {
        self.specs = specs
        self.context = context
    }

    func parse(_ arguments: [String]) throws(DeployError) -> ParsedFlags {
        var parsed = ParsedFlags()
        var rest = arguments[...]
        while let word = rest.popFirst() {
            if word == "--" {
                parsed.arguments += rest
                break
            }
            guard word.hasPrefix("-"), word != "-" else {
                parsed.arguments.append(word)
                continue
            }
            let (spec, inlineValue) = try lookUp(word, command: parsed.arguments.first)
            guard spec.takesValue else {
                if inlineValue != nil { throw .usage("--\(spec.name) takes no value") }
                parsed.switches.insert(spec.flag)
                continue
            }
            guard let value = inlineValue ?? rest.popFirst(), !value.isEmpty,
                inlineValue != nil || !looksLikeFlag(value)
            else {
                throw .usage("--\(spec.name) needs a value: --\(spec.name) <\(spec.valueName ?? "value")>")
            }
            if parsed.values[spec.flag] != nil { throw .usage("--\(spec.name) is given twice") }
            parsed.values[spec.flag] = value
        }
        return parsed
    }

    private func lookUp(_ word: String, command: String?) throws(DeployError) -> (FlagSpec, String?) {
        if word.hasPrefix("--") {
            let body = word.dropFirst(2)
            let name = String(body.prefix { $0 != "=" })
            let value = body.contains("=") ? String(body.drop { $0 != "=" }.dropFirst()) : nil
            guard let spec = specs.first(where: { $0.name == name }) else {
                throw unknown("--\(name)", command: command)
            }
            return (spec, value)
        }
        guard word.count == 2, let spec = specs.first(where: { $0.short == word.last }) else {
            throw unknown(word, command: command)
        }
        return (spec, nil)
    }

    private func looksLikeFlag(_ value: String) -> Bool {
        value.hasPrefix("-") && value.count > 1 && !value.dropFirst().allSatisfy(\.isNumber)
    }

    private func unknown(_ flag: String, command: String?) -> DeployError {
        let (flags, help) = context(command)
        let names = (flags.isEmpty ? specs : flags).map { "--\($0.name)" }
        guard let guess = Suggestion.closest(to: flag, among: names) else {
            return .usage("unknown option '\(flag)'; see \(help)")
        }
        return .usage("unknown option '\(flag)'. Did you mean '\(guess)'?")
    }
}
