/// What `deploy` can be asked to do, each with its usage and the flags it takes. The parser, `--help` and the
/// completion scripts all read this one table, so they cannot drift apart.
public enum Subcommand: String, CaseIterable, Sendable {
    /// `deploy` with no command word: a full, `--changed`, `--services` or `--skip-tf` deploy.
    case deploy
    case status, history, rollback, unlock, check, prune, completions, help

    /// The commands typed after `deploy`, in the order the help lists them.
    static let words: [Subcommand] = allCases.filter { $0 != .deploy }

    /// The command named by a word, or a usage error that suggests the closest one.
    static func named(_ word: String) throws(DeployError) -> Subcommand {
        if let command = Subcommand(rawValue: word), command != .deploy { return command }
        let names = words.map(\.rawValue)
        if let guess = Suggestion.closest(to: word, among: names) {
            throw .usage("unknown command '\(word)'. Did you mean 'deploy \(guess)'?")
        }
        throw .usage("unknown command '\(word)'; the commands are \(names.joined(separator: ", "))")
    }

    /// How it is written on a command line: `deploy` or `deploy status`.
    public var title: String { self == .deploy ? "deploy" : "deploy \(rawValue)" }

    /// What it does, in one line.
    var summary: String {
        switch self {
        case .deploy: "build, push and roll the platform to AWS"
        case .status: "what --changed would deploy, and why; read-only"
        case .history: "the recorded deploys, newest first (the team's with a deploy bucket, else this clone's)"
        case .rollback: "the last deploy's services back to the tags they ran before it; nothing is built"
        case .unlock: "remove the workspace's shared lock (a dead deploy's), naming its holder, after a typed y"
        case .check: "is this environment ready to be deployed to? every read-only check at once; changes nothing"
        case .prune: "reclaim the builds' disk: docker builder prune -af; docker image prune -af"
        case .completions: "print the completion script for bash, zsh or fish"
        case .help: "show a command's usage"
        }
    }

    /// The ways to call it, one per line.
    var usage: [String] {
        switch self {
        case .deploy:
            [
                "deploy --var-file tfvars/<env>.tfvars [options]    full deploy: images, SPAs, terraform apply",
                "deploy --var-file tfvars/<env>.tfvars --changed    only the services changed since they went live",
                "deploy --skip-tf --services a,b                    push images only; nothing rolls",
            ]
        case .status: ["deploy status [--var-file tfvars/<env>.tfvars] [--output json] [--verbose]"]
        case .history: ["deploy history [--var-file tfvars/<env>.tfvars] [--limit n | --show n] [--output json]"]
        case .rollback: ["deploy rollback --var-file tfvars/<env>.tfvars [--services a,b] [--to sha] [-y]"]
        case .unlock: ["deploy unlock --var-file tfvars/<env>.tfvars [--profile name] [-y]"]
        case .check: ["deploy check --var-file tfvars/<env>.tfvars [--profile name] [--builder name] [--output json]"]
        case .prune: ["deploy prune [-y]"]
        case .completions: ["deploy completions bash|zsh|fish"]
        case .help: ["deploy help [command]", "deploy <command> --help"]
        }
    }

    /// The words it takes after its name: the shell of `completions`, the command of `help`.
    var operands: [String] {
        switch self {
        case .completions: Shell.allCases.map(\.rawValue)
        case .help: Subcommand.words.map(\.rawValue)
        default: []
        }
    }

    /// The flags it takes, by name, in the order of `DeployFlags.all`.
    var flagNames: Set<String> {
        switch self {
        case .deploy: Set(DeployFlags.all.map(\.name)).subtracting(["to", "limit", "show", "list"])
        case .status: ["var-file", "profile", "verbose", "quiet", "output", "directory", "help"]
        case .history: ["var-file", "workspace", "limit", "show", "output", "directory", "profile", "help"]
        case .rollback:
            [
                "var-file", "services", "profile", "yes", "dry-run", "workspace", "no-verify", "wait-timeout",
                "apply-timeout", "fail-after", "allow-destroy", "to", "verbose", "quiet", "output", "directory",
                "help",
            ]
        case .unlock: ["var-file", "workspace", "profile", "yes", "directory", "quiet", "help"]
        case .check: ["var-file", "workspace", "profile", "builder", "output", "directory", "help"]
        case .prune: ["yes", "profile", "output", "help"]
        case .completions: ["list", "directory", "help"]
        case .help: ["help"]
        }
    }

    /// Its flags as the help lists them: hidden ones left out.
    var flags: [FlagSpec] { DeployFlags.all.filter { flagNames.contains($0.name) && !$0.hidden } }
}
