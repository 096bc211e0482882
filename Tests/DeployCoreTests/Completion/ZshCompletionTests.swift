import Foundation
import Testing

@testable import DeployCore

/// `deploy completions zsh` in a real interactive zsh, where there is one: `sandbox/zsh_complete.zsh` types the
/// line and a TAB through zsh/zpty and prints what zsh offered.
@Suite struct ZshCompletionTests {
    let checkout: CompletionCheckout

    init() throws { checkout = try CompletionCheckout() }

    /// The candidates for `line`, or nil without zsh.
    func complete(_ line: String, in folder: URL? = nil) -> [String]? {
        let path = ProcessInfo.processInfo.environment["PATH"]
        guard (try? ExecutableLookup.find("zsh", path: path)) != nil else { return nil }
        let script = checkout.folder.write("_deploy", CompletionScript.text(for: .zsh))
        let driver = Sandbox.packageRoot.appendingPathComponent("sandbox/zsh_complete.zsh").path
        let run = checkout.run(["zsh", "-f", driver, script.path, line], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        return run.lines
    }

    @Test func flagsServicesAndCommandsAreCompleted() {
        guard complete("deploy --ser") != nil else { return }
        #expect(complete("deploy --ser") == ["--services"])
        #expect(complete("deploy --services=au") == ["audit", "auth"])
        #expect(complete("deploy --services auth,bi") == ["billing"])
        #expect(complete("deploy his") == ["history"])
        let elsewhere = TemporaryFolder("elsewhere")
        #expect(complete("deploy -C \(checkout.folder.path) --services bi", in: elsewhere.url) == ["billing"])
    }
}
