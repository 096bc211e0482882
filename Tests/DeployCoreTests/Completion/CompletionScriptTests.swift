import Foundation
import Testing

@testable import DeployCore

/// The completion scripts, written from the subcommand table, and the words they ask `deploy` for.
@Suite struct CompletionScriptTests {
    @Test func everyScriptOffersEveryCommandAndFlag() {
        for shell in DeployCore.Shell.allCases {
            let script = CompletionScript.text(for: shell)
            for command in Subcommand.words { #expect(script.contains(command.rawValue), "\(shell) \(command)") }
            for spec in FlagSpec.table where !spec.hidden {
                let name = shell == .fish ? "-l \(spec.name)" : "--\(spec.name)"
                #expect(script.contains(name), "\(shell) \(spec.name)")
            }
            #expect(script.contains("completions --list"), "\(shell)")
        }
        #expect(CompletionScript.text(for: .bash).contains("complete -F _deploy deploy"))
        #expect(CompletionScript.text(for: .zsh).hasPrefix("#compdef deploy\n"))
        #expect(CompletionScript.text(for: .zsh).contains("'--output=[text or json]:format:(text json)'"))
    }

    /// The shells this machine has read each script without a syntax error.
    @Test(arguments: DeployCore.Shell.allCases)
    func theScriptParses(shell: DeployCore.Shell) throws {
        let path = ProcessInfo.processInfo.environment["PATH"]
        guard let shellPath = try? ExecutableLookup.find(shell.rawValue, path: path).path else { return }
        let folder = TemporaryFolder("completion")
        let file = folder.write("deploy.\(shell.rawValue)", CompletionScript.text(for: shell))
        let result = Shell.run([shellPath, "-n", file.path])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func theWordsComeFromTheCheckoutWithoutGit() throws {
        let folder = TemporaryFolder("completion")
        try FileManager.default.createDirectory(
            at: folder.url.appendingPathComponent(".git"), withIntermediateDirectories: true)
        for service in ["auth", "billing", "audit"] { folder.write("services/\(service)/package.json", "{}") }
        folder.write("infra/terraform/aws/tfvars/prod.tfvars", "")
        folder.write("infra/terraform/aws/tfvars/notes.txt", "")
        folder.write("config", "[profile prod]\n[default]\n")
        let inside = folder.url.appendingPathComponent("services/auth")

        #expect(CompletionList.services.words(from: inside, environment: [:]) == ["audit", "auth", "billing"])
        #expect(CompletionList.varFiles.words(from: inside, environment: [:]) == ["tfvars/prod.tfvars"])
        let files = ["AWS_CONFIG_FILE": folder.path + "/config", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent"]
        #expect(CompletionList.profiles.words(from: inside, environment: files) == ["default", "prod"])
        #expect(CompletionList.services.words(from: URL(fileURLWithPath: "/"), environment: [:]).isEmpty)
    }
}
