import Foundation
import Testing

/// `deploy completions bash` in a real bash: the function it registers is driven the way bash drives it on
/// TAB (COMP_WORDS, COMP_CWORD), in a platform checkout.
@Suite struct BashCompletionTests {
    let checkout: CompletionCheckout

    init() throws { checkout = try CompletionCheckout() }

    /// What the completion offers for `line` (completing its last word).
    func complete(_ line: String) -> [String] {
        let words = line.split(separator: " ", omittingEmptySubsequences: false).map { "'\($0)'" }
        let script = """
            source <(deploy completions bash)
            COMP_WORDS=(\(words.joined(separator: " "))); COMP_CWORD=\(words.count - 1)
            _deploy
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let run = checkout.run(["bash", "-c", script])
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

    @Test func commandsValuesAndVarFilesAreOffered() {
        #expect(complete("deploy his") == ["history"])
        #expect(complete("deploy --output j") == ["json"])
        #expect(complete("deploy completions z") == ["zsh"])
        #expect(complete("deploy --var-file tfvars/s") == ["tfvars/sandbox.tfvars"])
        #expect(complete("deploy --profile sandbox st") == ["status"])
    }
}
