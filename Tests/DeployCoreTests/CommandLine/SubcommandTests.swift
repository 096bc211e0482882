import Testing

@testable import DeployCore

/// Each command's own usage: `deploy <command> --help` and `deploy help <command>`, with only its flags.
@Suite struct SubcommandTests {
    @Test(arguments: Subcommand.words)
    func eachCommandHasItsOwnHelp(command: Subcommand) throws {
        #expect(try Request.invocation([command.rawValue, "--help"]) == .help(command))
        #expect(try Request.invocation(["help", command.rawValue]) == .help(command))
        let text = Usage.text(for: command)
        #expect(text.hasPrefix("\(command.title): \(command.purpose)."))
        let options = text.components(separatedBy: "Options:\n").last ?? ""
        for spec in FlagSpec.table where !spec.hidden {
            #expect(options.contains("--\(spec.name) ") == spec.takes(command), "\(spec.name)")
            if let help = spec.help[command] { #expect(options.contains(help), "\(command) \(spec.name)") }
        }
        #expect((command.exitCodes == nil) == [.completions, .help].contains(command))
        #expect(
            text.contains("not serving after the apply") == [.rollback, .promote].contains(command),
            "only a deploy, a rollback and a promote say what happens after an apply")
    }

    @Test func theDeployHelpListsItsFlagsAndEveryCommand() throws {
        #expect(try Request.invocation(["help"]) == .help(.deploy))
        let text = Usage.text
        for spec in FlagSpec.table where !spec.hidden && ![.to, .limit, .show, .from, .fromProfile].contains(spec.flag)
        {
            #expect(text.contains("--\(spec.name)"))
        }
        for command in Subcommand.words { #expect(text.contains("\n  \(command.rawValue) ")) }
        #expect(!text.contains("--list") && !text.contains("--to <sha>"))
        #expect(text.contains("Order: terraform plan (shown before anything is built"))
    }

    @Test func aMistypedCommandIsNamedWithTheClosestOne() {
        #expect(throws: DeployError.usage("unknown command 'stauts'. Did you mean 'deploy status'?")) {
            try Request.parse(["stauts"], environment: [:])
        }
        #expect(
            throws: DeployError.usage(
                "unknown command 'zzzzzzzz'; the commands are "
                    + "status, history, rollback, promote, unlock, check, prune, completions, help")
        ) {
            try Request.parse(["help", "zzzzzzzz"], environment: [:])
        }
        #expect(throws: DeployError.usage("unexpected argument 'bash'; see deploy status --help")) {
            try Request.parse(["status", "bash"], environment: [:])
        }
    }

    @Test func completionsTakeAShellOrAList() throws {
        #expect(try Request.invocation(["completions", "zsh"]) == .completions(.zsh))
        #expect(try Request.invocation(["completions", "--list", "services"]) == .completionWords(.services))
        let listed = try Request.parse(["-C", "repo", "completions", "--list", "services"], environment: [:])
        #expect(listed.invocation == .completionWords(.services) && listed.directory == "repo")
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
            #expect(throws: DeployError.usage(message)) { try Request.parse(arguments, environment: [:]) }
        }
    }

    @Test func checkReadsOnlyAndNeedsTheVarFile() throws {
        let request = try Request.parse(
            ["check", "--var-file", "tfvars/prod.tfvars", "--output", "json"], environment: ["AWS_PROFILE": "prod"])
        guard case .check(let check) = request.invocation else {
            Issue.record("expected check")
            return
        }
        #expect(request.json && check.target.profile == "prod" && check.target.varFile == "tfvars/prod.tfvars")
        #expect(
            throws: DeployError.usage(
                "deploy check needs --var-file: for example deploy check --var-file tfvars/sandbox.tfvars")
        ) { try Request.parse(["check"], environment: [:]) }
        #expect(throws: DeployError.usage("--yes is not used by deploy check; see deploy check --help")) {
            try Request.parse(["check", "--var-file", "v", "--yes"], environment: [:])
        }
    }
}

extension SubcommandTests {
    @Test func everyFlagHasOneEntryAndEveryCommandItsHelp() {
        #expect(FlagSpec.table.map(\.flag) == Flag.allCases)
        for spec in FlagSpec.table { #expect(spec.takes(.help) == (spec.flag == .help), "\(spec.name)") }
        for command in Subcommand.allCases { #expect(command.allFlags.contains { $0.flag == .help }, "\(command)") }
    }
}

extension SubcommandTests {
    @Test func aMistypedFlagIsMatchedAgainstTheCommandsOwnFlags() throws {
        #expect(throws: DeployError.usage("unknown option '--verbse'. Did you mean '--verbose'?")) {
            try Request.parse(["status", "--verbse"], environment: [:])
        }
        #expect(throws: DeployError.usage("unknown option '--servics'; see deploy status --help")) {
            try Request.parse(["status", "--servics"], environment: [:])
        }
        #expect(throws: DeployError.usage("unknown option '--servics'. Did you mean '--services'?")) {
            try Request.parse(["--servics"], environment: [:])
        }
        #expect(try Request.invocation(["help", "status", "--help"]) == .help(.status))
    }
}
