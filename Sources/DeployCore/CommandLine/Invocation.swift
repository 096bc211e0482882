/// What one run of `deploy` is asked to do: a command with its own options, or only text.
enum Invocation: Equatable, Sendable {
    /// `--help`, `deploy <command> --help` or `deploy help <command>`: that command's usage.
    case help(Subcommand)
    case version
    case deploy(DeployOptions)
    case rollback(RollbackOptions)
    case promote(PromoteOptions)
    case status(StatusOptions)
    case history(HistoryOptions)
    case unlock(UnlockOptions)
    case check(CheckOptions)
    case prune(PruneOptions)
    /// `deploy completions <shell>`: the completion script.
    case completions(Shell)
    /// `deploy completions --list <kind> [-C dir]`: the words a completion offers, one per line.
    case completionWords(CompletionList)

    /// A deploy or a rollback: what a CI job's summary and outputs report, however it ends.
    var releases: Bool {
        switch self {
        case .deploy, .rollback, .promote: return true
        default: return false
        }
    }
}

/// A command line, read: what it asks, where (`-C`), and how its output is to look. Everything that can be checked
/// without touching the disk is checked here, so bad input fails before anything runs.
struct Request: Equatable, Sendable {
    var invocation: Invocation
    /// `-C DIR`, as typed.
    var directory: String?
    var verbosity: Reporter.Verbosity = .normal
    /// `--output json`.
    var json = false

    static func parse(_ arguments: [String], environment: [String: String]) throws(DeployError) -> Request {
        let flags = try FlagParser { word in
            let command = word.flatMap(Subcommand.init(rawValue:)) ?? .deploy
            return (command.flags, "\(command.title) --help")
        }.parse(arguments)
        let command = try flags.arguments.first.map(Subcommand.named) ?? .deploy
        let operands = Array(flags.arguments.dropFirst())
        if let extra = operands.dropFirst(command.operands.isEmpty ? 0 : 1).first {
            throw .usage("unexpected argument '\(extra)'; see \(command.title) --help")
        }
        if flags.has(.help) {
            let named = command == .help ? try operands.first.map(Subcommand.named) ?? .help : command
            return Request(invocation: .help(named))
        }
        if flags.has(.version) { return Request(invocation: .version) }
        try flags.only(command)
        let (json, verbosity) = (try flags.outputIsJSON(), try flags.verbosity())
        return Request(
            invocation: try invocation(command, flags, operands.first, environment), directory: flags[.directory],
            verbosity: verbosity, json: json)
    }

    private static func invocation(
        _ command: Subcommand, _ flags: ParsedFlags, _ operand: String?, _ environment: [String: String]
    ) throws(DeployError) -> Invocation {
        switch command {
        case .deploy: return .deploy(try DeployOptions(flags, environment: environment))
        case .rollback: return .rollback(try RollbackOptions(flags, environment: environment))
        case .promote: return .promote(try PromoteOptions(flags, environment: environment))
        case .status: return .status(StatusOptions(target: try flags.readingTarget(environment)))
        case .history: return .history(try HistoryOptions(flags, environment: environment))
        case .unlock: return .unlock(try UnlockOptions(flags, environment: environment))
        case .check: return .check(try CheckOptions(flags, environment: environment))
        case .prune:
            return .prune(
                PruneOptions(assumeYes: flags.has(.yes), profile: try flags.readingTarget(environment).profile))
        case .completions: return try completions(flags, shell: operand)
        case .help: return .help(try operand.map(Subcommand.named) ?? .deploy)
        }
    }

    /// `deploy completions bash|zsh|fish`, or the words a completion offers (`--list services`).
    private static func completions(_ flags: ParsedFlags, shell: String?) throws(DeployError) -> Invocation {
        switch (shell, flags[.list]) {
        case (nil, nil): throw .usage("deploy completions needs a shell: deploy completions bash, zsh or fish")
        case (let name?, nil):
            guard let shell = Shell(rawValue: name) else {
                throw .usage("deploy completions \(name): give bash, zsh or fish")
            }
            return .completions(shell)
        case (nil, let kind?):
            guard let list = CompletionList(rawValue: kind) else {
                throw .usage("--list \(kind): give services, profiles or var-files")
            }
            return .completionWords(list)
        case (_?, _?): throw .usage("deploy completions takes a shell or --list, not both")
        }
    }

    /// Whether these arguments ask for `--output json`, read even when they do not parse: every exit then
    /// writes one JSON document.
    static func wantsJSON(_ arguments: [String]) -> Bool {
        let options = arguments.prefix { $0 != "--" }
        return options.contains("--output=json")
            || zip(options, options.dropFirst()).contains { $0 == "--output" && $1 == "json" }
    }
}
