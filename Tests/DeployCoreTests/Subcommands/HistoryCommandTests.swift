import Foundation
import Testing

@testable import DeployCore

/// `deploy history`: newest first; a record that cannot be read is named in one warning, the rest still listed.
@Suite struct HistoryCommandTests {
    static let deploy = ["--var-file", "tfvars/prod.tfvars", "--profile", "p", "--yes", "--min-free-gb", "0"]

    @Test func anUnreadableRecordIsNamedInOneWarningAndTheRestListed() async throws {
        let platform = ScriptedPlatform()
        #expect(await platform.run(Self.deploy).error == nil)
        let file = platform.gitDirectory.appendingPathComponent("deploy/history-prod.jsonl")
        let handle = try FileHandle(forWritingTo: file)
        handle.seekToEndOfFile()
        handle.write(Data("{\"cut off\n".utf8))
        try handle.close()
        #expect(await platform.run(Self.deploy + ["--force-rebuild"]).error == nil)

        let history = await platform.run(["history"])
        #expect(history.error == nil, "\(history.err)")
        #expect(
            history.err
                == "deploy: warning: 1 history record(s) could not be read and are left out: history-prod.jsonl:2\n")
        #expect(history.out.split(separator: "\n").filter { $0.hasPrefix("20") }.count == 2, "\(history.out)")
        let json = await platform.run(["history", "--output", "json"])
        let records = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [[String: Any]])
        #expect(records.count == 2)
    }
}
