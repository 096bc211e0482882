import Foundation

extension Invocation {
    /// Whether these arguments ask for `--output json`, read even when they do not parse: every exit then
    /// writes one JSON document.
    public static func wantsJSON(_ arguments: [String]) -> Bool {
        let options = arguments.prefix { $0 != "--" }
        return options.contains("--output=json")
            || zip(options, options.dropFirst()).contains { $0 == "--output" && $1 == "json" }
    }
}

/// What one run of `deploy` is asked to do.
public enum Invocation: Equatable, Sendable {
    /// `--help`, `deploy <command> --help` or `deploy help <command>`: that command's usage.
    case help(Subcommand)
    case version
    case deploy(DeployPlan)
    /// `deploy status`: the `--changed` plan, read-only, as a table or JSON.
    case status(DeployPlan)
    /// `deploy prune`: reclaim the disk that builds use (never volumes).
    case prune(DeployPlan)
    /// `deploy history`: the recorded deploys, newest first.
    case history(DeployPlan)
    /// `deploy rollback`: the services of the last deploy back to the tags they ran before it.
    case rollback(DeployPlan)
    /// `deploy unlock`: removes the workspace's shared lock, naming its holder, after a typed `y`.
    case unlock(DeployPlan)
    /// `deploy check`: every read-only check a deploy makes, all at once.
    case check(DeployPlan)
    /// `deploy completions <shell>`: the completion script.
    case completions(Shell)
    /// `deploy completions --list <kind> [-C dir]`: the words a completion offers, one per line.
    case completionWords(CompletionList, directory: String?)
}
