/// What `deploy` can be asked to do, each with its usage, the words it takes and its exit codes. The parser, the
/// help and the completion scripts read this table and the flags' (`FlagSpec.table`), so they cannot drift apart.
enum Subcommand: String, CaseIterable, Sendable {
    /// `deploy` with no command word: a full, `--changed`, `--services` or `--skip-tf` deploy.
    case deploy
    case status, history, rollback, promote, unlock, check, prune, completions, help

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
    var title: String { self == .deploy ? "deploy" : "deploy \(rawValue)" }

    /// What it does, in one line.
    var purpose: String {
        switch self {
        case .deploy: "build, push and roll the platform to AWS"
        case .status: "what --changed would deploy, and why; read-only"
        case .history: "the recorded deploys, newest first (the team's with a deploy bucket, else this clone's)"
        case .rollback: "the last deploy's services back to the tags they ran before it; nothing is built"
        case .promote: "the images another environment runs, copied by digest into this one's registry and rolled"
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
        case .promote:
            [
                "deploy promote --from tfvars/<source>.tfvars --var-file tfvars/<env>.tfvars [--services a,b] "
                    + "[--from-profile name] [-y]"
            ]
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

    /// What its exit codes mean; nil for the commands that only print.
    var exitCodes: String? {
        let signals = "130 interrupted (Ctrl-C), 143 terminated (SIGTERM), 129 hung up (SIGHUP)"
        switch self {
        case .deploy:
            return "0 deployed (or nothing to deploy), 1 failed, not serving after the apply, refused or not "
                + "confirmed, 2 bad input, \(signals)."
        case .promote:
            return "0 promoted (or nothing to promote), 1 failed, not serving after the apply, refused or not "
                + "confirmed, 2 bad input, \(signals)."
        case .rollback:
            return "0 rolled back, 1 failed, not serving after the apply, refused or not confirmed, 2 bad input, "
                + "\(signals)."
        case .status, .history:
            return "0 read, 1 could not read (git, terraform or AWS failed), 2 bad input, \(signals)."
        case .unlock:
            return "0 removed (or nothing held it), 1 not removed (not confirmed, or it changed meanwhile), 2 bad "
                + "input, \(signals)."
        case .check: return "0 ready (every check passed), 1 not ready, 2 bad input, \(signals)."
        case .prune:
            return "0 pruned, 1 failed, refused (a deploy holds a lock) or not confirmed, 2 bad input, \(signals)."
        case .completions, .help: return nil
        }
    }

    /// The flags it takes, in the table's order, hidden ones included.
    var allFlags: [FlagSpec] { FlagSpec.table.filter { $0.takes(self) } }

    /// Its flags as the help lists them: hidden ones left out.
    var flags: [FlagSpec] { allFlags.filter { !$0.hidden } }
}
