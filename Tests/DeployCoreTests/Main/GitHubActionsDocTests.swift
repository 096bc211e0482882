import Foundation
import Testing

@testable import DeployCore

/// docs/github-actions.md's workflow stays true: it parses as YAML, holds what the doc says it holds, and every
/// deploy command in it parses as deploy reads it in a GitHub Actions job.
@Suite struct GitHubActionsDocTests {
    static let workflow: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let doc =
            (try? String(contentsOf: root.appendingPathComponent("docs/github-actions.md"), encoding: .utf8)) ?? ""
        return doc.components(separatedBy: "```yaml\n").dropFirst().first?.components(separatedBy: "\n```").first ?? ""
    }()

    /// The workflow as JSON, through PyYAML (which the aws CLI brings).
    static func parsed() throws -> [String: Any] {
        let script = "import json, sys, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)"
        let result = Shell.run(["python3", "-c", script], input: workflow)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        return try #require(json as? [String: Any], "\(result.stderr)")
    }

    @Test func itParsesAndHoldsOIDCAConcurrencyGroupAndAnEnvironment() throws {
        let workflow = try Self.parsed()
        #expect((workflow["permissions"] as? [String: String])?["id-token"] == "write")
        #expect((workflow["concurrency"] as? [String: Any])?["cancel-in-progress"] as? Bool == false)
        let job = try #require((workflow["jobs"] as? [String: Any])?["deploy"] as? [String: Any])
        #expect((job["environment"] as? String)?.contains("inputs.environment") == true)
        let steps = job["steps"] as? [[String: Any]] ?? []
        #expect(steps.contains { ($0["uses"] as? String)?.hasPrefix("aws-actions/configure-aws-credentials") == true })
    }

    @Test func everyDeployCommandInItParses() throws {
        let steps = ((try Self.parsed()["jobs"] as? [String: Any])?["deploy"] as? [String: Any])?["steps"]
        let commands = ((steps as? [[String: Any]]) ?? []).compactMap { $0["run"] as? String }
            .flatMap { $0.split(separator: "\n") }.filter { $0.hasPrefix("deploy ") }
        #expect(commands.count == 2)
        for command in commands {
            let typed = command.replacing(/\$\{\{[^}]*\}\}/, with: "staging")
            let arguments = typed.split(separator: " ").dropFirst().map(String.init)
            #expect(throws: Never.self, "\(command)") {
                try Request.parse(arguments, environment: ["GITHUB_ACTIONS": "true"])
            }
        }
    }
}
