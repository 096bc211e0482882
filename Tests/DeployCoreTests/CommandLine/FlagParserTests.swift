import Testing

@testable import DeployCore

@Suite struct FlagParserTests {
    let parser = FlagParser([
        FlagSpec(.varFile, value: "path", for: [.deploy], help: ""),
        FlagSpec(.services, value: "a,b", for: [.deploy], help: ""),
        FlagSpec(.yes, short: "y", for: [.deploy], help: ""),
        FlagSpec(.directory, short: "C", value: "dir", for: [.deploy], help: ""),
        FlagSpec(.dryRun, for: [.deploy], help: ""),
    ])

    @Test(arguments: [
        (["--var-file", "a.tfvars"], "a.tfvars"),
        (["--var-file=a.tfvars"], "a.tfvars"),
        (["--var-file=x=y.tfvars"], "x=y.tfvars"),
    ])
    func valueInEitherForm(arguments: [String], expected: String) throws {
        #expect(try parser.parse(arguments)[.varFile] == expected)
    }

    @Test func switchesShortAliasesAndValues() throws {
        let parsed = try parser.parse(["-y", "-C", "repo", "--dry-run"])
        #expect(parsed.has(.yes))
        #expect(parsed.has(.dryRun))
        #expect(parsed[.directory] == "repo")
    }

    @Test func doubleDashEndsOptions() throws {
        let parsed = try parser.parse(["--yes", "--", "--dry-run", "x"])
        #expect(parsed.has(.yes))
        #expect(!parsed.has(.dryRun))
        #expect(parsed.arguments == ["--dry-run", "x"])
    }

    @Test(arguments: [
        (["--servics", "a"], "unknown option '--servics'. Did you mean '--services'?"),
        (["--dryrun"], "unknown option '--dryrun'. Did you mean '--dry-run'?"),
        (["--frobnicate"], "unknown option '--frobnicate'; see deploy --help"),
        (["-x"], "unknown option '-x'; see deploy --help"),
        (["--var-file"], "--var-file needs a value: --var-file <path>"),
        (["--var-file="], "--var-file needs a value: --var-file <path>"),
        (["--var-file", "--yes"], "--var-file needs a value: --var-file <path>"),
        (["--yes=1"], "--yes takes no value"),
        (["--var-file", "a", "--var-file", "b"], "--var-file is given twice"),
    ])
    func usageErrors(arguments: [String], message: String) {
        #expect(throws: DeployError.usage(message)) { try parser.parse(arguments) }
    }

    @Test func suggestionDistance() {
        #expect(Suggestion.distance("kitten", "sitting") == 3)
        #expect(Suggestion.closest(to: "--skip-tff", among: ["--skip-tf", "--skip-spas"]) == "--skip-tf")
    }
}
