import Foundation
import Testing

@testable import DeployCore

/// README.md stays true: what a fresh machine needs is named, and every flag it shows exists.
@Suite struct ReadmeTests {
    static let text: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
    }()

    @Test func thePrerequisitesNameEverythingTheSandboxNeeds() {
        let section =
            Self.text.components(separatedBy: "## Two commands").last?
            .components(separatedBy: "\n## ").first ?? ""
        for tool in ["swift", "git", "curl", "terraform", "python3", "pip", "moto[server]", "awscli"] {
            #expect(section.contains("`\(tool)`"), "\(tool)")
        }
    }

    @Test func everyFlagInTheReadmesTableExists() {
        let known = Set(Flag.allCases.map(\.spelled))
        let rows = Self.text.split(separator: "\n").filter { $0.hasPrefix("| `-") }
        let shown = rows.flatMap { $0.matches(of: /`(--[a-z][a-z0-9-]*)/).map { String($0.1) } }
        #expect(!shown.isEmpty)
        for flag in Set(shown) { #expect(known.contains(flag), "\(flag)") }
    }
}
