import Synchronization
import Testing

@testable import DeployCore

@Suite struct PromptTests {
    func prompt(_ answers: [String?], terminal: Bool = true) -> Prompt {
        let queue = Mutex(answers)
        return Prompt(reporter: Reporter(out: { _ in }, err: { _ in }), isTerminal: terminal) {
            queue.withLock { $0.isEmpty ? nil : $0.removeFirst() }
        }
    }

    @Test func theMenuTakesANumberANameOrTheDefault() throws {
        #expect(try prompt(["2"]).chooseProfile(from: ["dev", "prod"], default: nil) == "prod")
        #expect(try prompt(["dev"]).chooseProfile(from: ["dev", "prod"], default: nil) == "dev")
        #expect(try prompt([""]).chooseProfile(from: ["dev", "prod"], default: "prod") == "prod")
        #expect(throws: DeployError.self) { try prompt(["3"]).chooseProfile(from: ["dev", "prod"], default: nil) }
        #expect(throws: DeployError.self) { try prompt([]).chooseProfile(from: [], default: nil) }
    }

    @Test func onlyATypedYConfirms() throws {
        try prompt(["y"]).confirm("Deploy?")
        for answer in ["Y", "yes", "n", "", nil] {
            #expect(throws: DeployError.declined) { try prompt([answer]).confirm("Deploy?") }
        }
    }

    @Test func withoutATerminalNobodyIsAskedAndTheRefusalNamesYes() {
        #expect(throws: DeployError.noOperator) { try prompt(["y"], terminal: false).confirm("Deploy?") }
        #expect(DeployError.noOperator.message.hasSuffix("pass --yes (with --profile)"))
        #expect(throws: DeployError.self) {
            try prompt(["1"], terminal: false).chooseProfile(from: ["dev"], default: nil)
        }
    }

    @Test func profilesFromBothFiles() {
        #expect(
            AWSProfiles.sections("[default]\n[profile prod]\nregion=x\n[sso-session s]\n", configStyle: true) == [
                "default", "prod",
            ])
        #expect(AWSProfiles.sections("[dev]\naws_access_key_id=x\n", configStyle: false) == ["dev"])
    }

    @Test func aPipeReportsTheFailureThatExplainsIt() {
        #expect(ProcessRunner.pipeStatus(producer: .exited(255), consumer: .exited(1)) == .exited(255))
        #expect(ProcessRunner.pipeStatus(producer: .signaled(13), consumer: .exited(1)) == .exited(1))
        #expect(ProcessRunner.pipeStatus(producer: .exited(0), consumer: .exited(0)) == .exited(0))
    }
}
