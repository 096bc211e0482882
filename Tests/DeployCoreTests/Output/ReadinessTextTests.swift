import Foundation
import Testing

@testable import DeployCore

/// `deploy check`'s report: one line per finding with its fix, or one JSON document.
@Suite struct ReadinessTextTests {
    @Test func aFailureStandsOutWithItsFix() {
        let lines: [Finding] = [
            .ok("ecr", "8 repositories exist"),
            .fail("ecr", "auth: repository 'auth' does not exist", fix: "create it (terraform apply)"),
            .skipped("aws", "needs working credentials"),
        ]
        #expect(
            ReadinessText.table(lines) == """
                ok    ecr  8 repositories exist
                FAIL  ecr  auth: repository 'auth' does not exist: create it (terraform apply)
                skip  aws  needs working credentials
                """)
        #expect(ReadinessText.table([.ok("api", "answers")]).hasSuffix("ready to deploy: all 1 checks passed"))
        let document = ReadinessText.json(lines)
        #expect(document.contains(#""result" : "not ready""#) && document.contains(#""failed" : 1"#))
        #expect(document.contains(#""fix" : "create it (terraform apply)""#))
    }
}
