import Foundation
import Testing

@testable import DeployCore

/// `deploy completions fish` in a real fish, where there is one: `complete -C` prints what TAB would offer.
@Suite struct FishCompletionTests {
    let checkout: CompletionCheckout

    init() throws { checkout = try CompletionCheckout() }

    /// The candidates (without their descriptions) for `line`, or nil without fish.
    func complete(_ line: String, in folder: URL? = nil) -> [String]? {
        let path = ProcessInfo.processInfo.environment["PATH"]
        guard (try? ExecutableLookup.find("fish", path: path)) != nil else { return nil }
        let run = checkout.run(
            ["fish", "--no-config", "-c", "deploy completions fish | source; complete -C '\(line)'"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        return run.lines.map { String($0.prefix { $0 != "\t" }) }
    }

    @Test func flagsServicesAndCommandsAreCompleted() {
        guard complete("deploy --ser") != nil else { return }
        #expect(complete("deploy --ser") == ["--services"])
        #expect(complete("deploy --services au") == ["audit", "auth"])
        #expect(complete("deploy --services auth,bi") == ["auth,billing"])
        #expect(complete("deploy his") == ["history"])
        #expect(complete("deploy status --ver") == ["--verbose"])
        #expect(complete("deploy --var-file tfvars/") == ["tfvars/sandbox.tfvars"])
        let afterEquals = complete("deploy --var-file=") ?? []
        #expect(afterEquals.contains("--var-file=infra/") && !afterEquals.contains { $0.hasPrefix("--var-file=--") })
        let elsewhere = TemporaryFolder("elsewhere")
        #expect(complete("deploy -C \(checkout.folder.path) --services bi", in: elsewhere.url) == ["billing"])
    }
}
