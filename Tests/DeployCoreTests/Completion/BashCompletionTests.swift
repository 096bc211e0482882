import Foundation
import Testing

/// `deploy completions bash` in a real bash: the function it registers is driven the way bash drives it on
/// TAB (COMP_WORDS, COMP_CWORD), in a platform checkout.
@Suite struct BashCompletionTests {
    let checkout: CompletionCheckout

    init() throws { checkout = try CompletionCheckout() }

    /// What the completion offers for `line` (completing its last word), split into words as bash splits it:
    /// at spaces, and around `=`.
    func complete(_ line: String, in folder: URL? = nil) -> [String] {
        let split = line.replacingOccurrences(of: "=", with: " = ").split(
            separator: " ", omittingEmptySubsequences: false)
        let words = split.map { "'\($0)'" }
        let script = """
            source <(deploy completions bash)
            COMP_WORDS=(\(words.joined(separator: " "))); COMP_CWORD=\(words.count - 1)
            _deploy
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let run = checkout.run(["bash", "-c", script], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        return run.lines
    }

    @Test func aFlagIsCompletedFromItsBeginning() {
        #expect(complete("deploy --ser") == ["--services"])
        #expect(complete("deploy status --ver") == ["--verbose"])
        #expect(complete("deploy rollback --t") == ["--to"])
        #expect(complete("deploy --var-file x --skip-t") == ["--skip-tf"])
    }

    @Test func servicesAreCompletedOneByOneAfterTheComma() {
        #expect(complete("deploy --services au") == ["audit", "auth"])
        #expect(complete("deploy --services aut") == ["auth"])
        #expect(complete("deploy --services auth,bi") == ["auth,billing"])
    }

    @Test func aValueAfterAnEqualsSignIsCompletedAndSkipped() {
        #expect(complete("deploy --output=j") == ["json"])
        #expect(complete("deploy --services=au") == ["audit", "auth"])
        #expect(complete("deploy --workspace=prod check --v") == ["--var-file"])
    }

    /// A file name is offered as it is, never run: bash's compgen -W would expand `$(...)` in it.
    @Test func aFileNameIsNeverExpanded() {
        checkout.folder.write("infra/terraform/aws/tfvars/$(touch PWNED).tfvars", "")
        #expect(complete("deploy --var-file tfvars/$") == ["tfvars/$(touch PWNED).tfvars"])
        #expect(!FileManager.default.fileExists(atPath: checkout.folder.url.appendingPathComponent("PWNED").path))
    }

    /// `-C dir` typed before: the services of that checkout, asked from anywhere.
    @Test func theServicesOfTheCheckoutDashCNamesAreOffered() {
        let elsewhere = TemporaryFolder("elsewhere")
        #expect(complete("deploy -C \(checkout.folder.path) --services bi", in: elsewhere.url) == ["billing"])
        #expect(complete("deploy --directory=\(checkout.folder.path) --services bi", in: elsewhere.url) == ["billing"])
        #expect(complete("deploy --services bi", in: elsewhere.url).isEmpty)
    }

    @Test func anOperandIsOfferedOnce() {
        #expect(complete("deploy completions bash ") == ["--directory", "--help"])
        #expect(complete("deploy help status ") == ["--help"])
    }

    @Test func commandsValuesAndVarFilesAreOffered() {
        #expect(complete("deploy his") == ["history"])
        #expect(complete("deploy --output j") == ["json"])
        #expect(complete("deploy completions z") == ["zsh"])
        #expect(complete("deploy --var-file tfvars/s") == ["tfvars/sandbox.tfvars"])
        #expect(complete("deploy --profile sandbox st") == ["status"])
    }
}
