import Foundation

/// The text `deploy --help`, `deploy <command> --help` and `deploy help <command>` print.
enum Usage {
    /// `deploy --help`.
    static var text: String { text(for: .deploy) }

    static func text(for command: Subcommand) -> String {
        let heading =
            command == .deploy
            ? "deploy \(Version.current): \(command.purpose)."
            : "\(command.title): \(command.purpose)."
        var parts = [heading, "Usage:\n" + command.usage.map { "  " + $0 }.joined(separator: "\n")]
        if let details = details(command) { parts.append(details) }
        if command == .deploy { parts.append(commands) }
        parts.append("Options:\n" + options(command))
        if let codes = command.exitCodes { parts.append(wrapped("Exit codes: " + codes)) }
        return parts.joined(separator: "\n\n") + "\n"
    }

    /// The other commands, one line each.
    private static var commands: String {
        let width = Subcommand.words.map(\.rawValue.count).max() ?? 0
        let lines = Subcommand.words.map { command in
            "  " + command.rawValue.padding(toLength: width + 2, withPad: " ", startingAt: 0) + command.purpose
        }
        return "Commands (deploy help <command> for each):\n" + lines.joined(separator: "\n")
    }

    /// The command's own flags, each with its help there.
    private static func options(_ command: Subcommand) -> String {
        let flags = command.flags
        let width = flags.map(\.synopsis.count).max() ?? 0
        return flags.map { spec in
            "  " + spec.synopsis.padding(toLength: width + 2, withPad: " ", startingAt: 0) + (spec.help[command] ?? "")
        }.joined(separator: "\n")
    }

    /// What `deploy promote --help` says beyond its usage.
    private static let promoteDetails = """
        The very images --from runs (by digest) roll in this environment; nothing is built. Each must run steady
        there, and its history must record a verified deploy of it. The ones this registry lacks are copied
        registry to registry by skopeo (each registry's password through a pipe into a login file of the run's
        own); their digests are checked against the source's, then terraform's plan is shown and applied, and
        the rollout verified, as for a deploy. A tag this registry holds as another image refuses the promote.
        """

    /// What the usage lines alone do not say.
    private static func details(_ command: Subcommand) -> String? {
        switch command {
        case .deploy:
            """
            Order: terraform plan (shown before anything is built; with --yes it runs alongside the builds), build
            images, push to ECR, build and upload SPAs, invalidate CloudFront, apply that plan, then wait until ECS
            is steady and each rolled service's /health answers 200 (--no-verify skips). A failed step stops the
            deploy; terraform is never applied after a failure, nor when an image it names is not in ECR.
            One deploy per workspace at a time: with a deploy_bucket terraform output, a lock every operator sees
            (s3://<bucket>/deploy/<workspace>/lock.json), else this clone's. Each deploy is recorded there
            (deploy/<workspace>/history/) and in .git/deploy/history-<workspace>.jsonl.
            """
        case .status:
            "Reads each service's live image from ECS and prints DEPLOY or skip with the reason, as --changed would."
        case .history:
            "The team's history with a deploy_bucket terraform output (--var-file says which), else this clone's."
        case .rollback:
            """
            Each service of the last deploy goes back to the tag it ran before (or to --to): the images must still
            be in ECR; terraform's plan is shown and applied as for a deploy, then the rollout is verified.
            """
        case .promote: promoteDetails
        case .unlock: "Only for a lock whose deploy is dead: deploy unlock names its holder and asks for a typed y."
        case .check:
            """
            Tools, workspace, account, terraform outputs, ECR repositories, SPA buckets, CloudFront distributions,
            the ECS cluster and services, container logs and the API: one line each, with its fix. Exit 0 when all
            pass. Never builds, writes or takes a lock.
            """
        case .prune: "Never volumes. Inside the platform checkout it first takes every workspace's deploy lock."
        case .completions:
            """
            bash:  source <(deploy completions bash)        (or install it: make install)
            zsh:   deploy completions zsh > "${fpath[1]}/_deploy"
            fish:  deploy completions fish > ~/.config/fish/completions/deploy.fish
            """
        case .help: nil
        }
    }

    /// A paragraph cut into lines of at most `width` columns, at spaces.
    static func wrapped(_ text: String, width: Int = 108) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        return (lines + [line]).joined(separator: "\n")
    }
}
