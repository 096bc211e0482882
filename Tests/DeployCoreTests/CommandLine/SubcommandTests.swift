import Testing

@testable import DeployCore

/// Each command's own usage: `deploy <command> --help` and `deploy help <command>`, with only its flags.
@Suite struct SubcommandTests {
    @Test(arguments: Subcommand.words)
    func eachCommandHasItsOwnHelp(command: Subcommand) throws {
        #expect(try DeployPlan.parse([command.rawValue, "--help"], environment: [:]) == .help(command))
        #expect(try DeployPlan.parse(["help", command.rawValue], environment: [:]) == .help(command))
        let text = Usage.text(for: command)
        #expect(text.hasPrefix("\(command.title): \(command.summary)."))
        let options = text.components(separatedBy: "Options:\n").last ?? ""
        for spec in DeployFlags.all where !spec.hidden {
            #expect(options.contains("--\(spec.name) ") == command.flagNames.contains(spec.name), "\(spec.name)")
        }
    }

    @Test func theDeployHelpListsItsFlagsAndEveryCommand() throws {
        #expect(try DeployPlan.parse(["help"], environment: [:]) == .help(.deploy))
        let text = Usage.text
        for spec in DeployFlags.all where !spec.hidden && !["to", "limit", "show"].contains(spec.name) {
            #expect(text.contains("--\(spec.name)"))
        }
        for command in Subcommand.words { #expect(text.contains("\n  \(command.rawValue) ")) }
        #expect(!text.contains("--list") && !text.contains("--to <sha>"))
        #expect(text.contains("Order: terraform plan (shown before anything is built"))
    }

    @Test func aMistypedCommandIsNamedWithTheClosestOne() {
        #expect(throws: DeployError.usage("unknown command 'stauts'. Did you mean 'deploy status'?")) {
            try DeployPlan.parse(["stauts"], environment: [:])
        }
        #expect(
            throws: DeployError.usage(
                "unknown command 'zzzzzzzz'; the commands are "
                    + "status, history, rollback, unlock, check, prune, completions, help")
        ) {
            try DeployPlan.parse(["help", "zzzzzzzz"], environment: [:])
        }
        #expect(throws: DeployError.usage("unexpected argument 'bash'; see deploy status --help")) {
            try DeployPlan.parse(["status", "bash"], environment: [:])
        }
    }

    @Test func completionsTakeAShellOrAList() throws {
        #expect(try DeployPlan.parse(["completions", "zsh"], environment: [:]) == .completions(.zsh))
        #expect(
            try DeployPlan.parse(["completions", "--list", "services"], environment: [:])
                == .completionWords(.services, directory: nil))
        #expect(
            try DeployPlan.parse(["-C", "repo", "completions", "--list", "services"], environment: [:])
                == .completionWords(.services, directory: "repo"))
        for (arguments, message) in [
            (["completions"], "deploy completions needs a shell: deploy completions bash, zsh or fish"),
            (["completions", "tcsh"], "deploy completions tcsh: give bash, zsh or fish"),
            (["completions", "--list", "tags"], "--list tags: give services, profiles or var-files"),
            (["completions", "bash", "--list", "services"], "deploy completions takes a shell or --list, not both"),
            (
                ["--skip-tf", "--list", "services"],
                "--list is only used by deploy completions; see deploy completions --help"
            ),
        ] {
            #expect(throws: DeployError.usage(message)) { try DeployPlan.parse(arguments, environment: [:]) }
        }
    }

    @Test func checkReadsOnlyAndNeedsTheVarFile() throws {
        guard
            case .check(let plan) = try DeployPlan.parse(
                ["check", "--var-file", "tfvars/prod.tfvars", "--output", "json"], environment: ["AWS_PROFILE": "prod"])
        else {
            Issue.record("expected check")
            return
        }
        #expect(plan.dryRun && plan.json && plan.profile == "prod" && plan.varFile == "tfvars/prod.tfvars")
        #expect(
            throws: DeployError.usage(
                "deploy check needs --var-file: for example deploy check --var-file tfvars/sandbox.tfvars")
        ) { try DeployPlan.parse(["check"], environment: [:]) }
        #expect(throws: DeployError.usage("--yes is not used by deploy check; see deploy check --help")) {
            try DeployPlan.parse(["check", "--var-file", "v", "--yes"], environment: [:])
        }
    }
}

extension SubcommandTests {
    @Test func everyFlagACommandNamesExists() {
        let known = Set(DeployFlags.all.map(\.name))
        for command in Subcommand.allCases { #expect(command.flagNames.isSubset(of: known), "\(command)") }
    }
}

extension SubcommandTests {
    @Test func aMistypedFlagIsMatchedAgainstTheCommandsOwnFlags() throws {
        #expect(throws: DeployError.usage("unknown option '--verbse'. Did you mean '--verbose'?")) {
            try DeployPlan.parse(["status", "--verbse"], environment: [:])
        }
        #expect(throws: DeployError.usage("unknown option '--servics'; see deploy status --help")) {
            try DeployPlan.parse(["status", "--servics"], environment: [:])
        }
        #expect(throws: DeployError.usage("unknown option '--servics'. Did you mean '--services'?")) {
            try DeployPlan.parse(["--servics"], environment: [:])
        }
        #expect(try DeployPlan.parse(["help", "status", "--help"], environment: [:]) == .help(.status))
    }
}
