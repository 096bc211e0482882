import Foundation
import Testing

@testable import DeployCore

/// What another writer put in the bucket, or AWS said, is shown inert: never obeyed by the terminal.
@Suite struct InertTests {
    @Test(arguments: [
        ("ops-a", "ops-a"),
        ("\u{1B}]0;owned\u{07}", "^[]0;owned^G"),
        ("\u{1B}[2J\u{1B}[H", "^[[2J^[[H"),
        ("ops\nlock released, go ahead", "ops^Jlock released, go ahead"),
        ("a\r\u{7F}b", "a^M^?b"),
        ("\u{9B}31m", "<U+009B>31m"),
        ("user\u{202E}kcatta", "user<U+202E>kcatta"),
        ("tab\there", "tab here"),
        ("café ✓", "café ✓"),
    ])
    func controlCharactersBecomeVisible(text: String, shown: String) {
        #expect(Inert.field(text) == shown)
    }

    @Test func aLongFieldIsCutSayingSo() {
        let field = Inert.field(String(repeating: "x", count: 10_000), limit: 64)
        #expect(field == String(repeating: "x", count: 64) + " […] (9936 more characters)")
    }

    @Test func aLockHoldersFieldsAreShownInertOnOneLine() {
        let holder = LockHolder(
            arn: "arn:aws:iam::1:user/x\u{1B}[2J", user: "ops\nlock released, go ahead",
            host: String(repeating: "h", count: 10_000), pid: 7, sha: "abc1234", mode: .full,
            started: "2026-11-29T10:00:00Z", heartbeat: "2026-11-29T10:00:00Z")
        let text = holder.description
        #expect(!text.contains("\n") && !text.contains("\u{1B}"))
        #expect(text.hasPrefix("ops^Jlock released, go ahead on hhhh"))
        #expect(text.count < 600)
    }

    @Test func aHistoryRecordCannotForgeARowRetitleTheWindowOrFillTheScreen() throws {
        let text = try String(contentsOf: Self.fixture, encoding: .utf8)
        let record = try JSONDecoder().decode(HistoryRecord.self, from: Data(text.utf8))
        let table = HistoryText.table([record])
        let lines = table.split(separator: "\n")
        #expect(lines.count == 4, "the header, the record, its services and its error: \(lines)")
        #expect(!table.contains("\u{1B}") && !table.contains("\u{07}"))
        #expect(table.count < 2_000, "a 1 MB field is cut")
        let shown = HistoryText.record(record)
        #expect(!shown.contains("\u{1B}") && shown.count < 20_000)
        let json = JSONText.document(record)
        let again = try JSONDecoder().decode(HistoryRecord.self, from: Data(json.utf8))
        #expect(again == record, "JSON keeps the data, in one valid document")
    }

    /// A record as a hostile writer could leave it in the deploy bucket.
    static let fixture: URL = {
        let big = String(repeating: "A", count: 1_000_000)
        let record = """
            {"time": "2026-11-29T10:00:00Z\\n2026-11-29T10:05:00Z  sandbox  deployed  full  fffffff  ops",
             "operator": {"arn": "arn", "user": "\\u001b]0;owned\\u0007ops", "host": "h"},
             "workspace": "sandbox", "account": "1", "region": "r", "head": "\(big)", "mode": "full",
             "applied": true, "services": [{"service": "auth\\u001b[2J", "tag": "abc1234"}], "spas": [], "steps": [],
             "result": "deployed", "error": "\\u001b[31mred\\nsecond\\nthird", "seconds": 1e300}
            """
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString).json")
        try? record.write(to: file, atomically: true, encoding: .utf8)
        return file
    }()
}
