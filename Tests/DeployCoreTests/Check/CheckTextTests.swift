import Foundation
import Testing

@testable import DeployCore

/// `deploy check`'s report: one line per finding with its fix, and what a tool's version line is cut to.
@Suite struct CheckTextTests {
    @Test func aFailureStandsOutWithItsFix() {
        let lines: [CheckLine] = [
            .ok("ecr", "8 repositories exist"),
            .fail("ecr", "auth: repository 'auth' does not exist", fix: "create it (terraform apply)"),
            .skipped("aws", "needs working credentials"),
        ]
        #expect(
            CheckText.table(lines) == """
                ok    ecr  8 repositories exist
                FAIL  ecr  auth: repository 'auth' does not exist: create it (terraform apply)
                skip  aws  needs working credentials
                """)
        #expect(CheckText.table([.ok("api", "answers")]).hasSuffix("ready to deploy: all 1 checks passed"))
        let document = CheckText.json(lines)
        #expect(document.contains(#""result" : "not ready""#) && document.contains(#""failed" : 1"#))
        #expect(document.contains(#""fix" : "create it (terraform apply)""#))
    }

    @Test func versionsAreCutToTheirFirstWords() {
        #expect(
            ToolCheck.version(Data("curl 7.88.1 (x86_64-pc-linux-gnu) libcurl/7.88.1\nRelease-Date\n".utf8))
                == "curl 7.88.1")
        #expect(ToolCheck.version(Data("Docker version 27.3.1, build 1\n".utf8)) == "Docker version 27.3.1")
        #expect(ToolCheck.terraform(Data(#"{"terraform_version": "1.5.7"}"#.utf8)).verdict == .fail)
        #expect(
            ToolCheck.terraform(Data(#"{"terraform_version": "1.9.0"}"#.utf8)) == .ok("terraform", "terraform 1.9.0"))
    }

    @Test func repositoryNamesComeFromTheirURLs() {
        #expect(
            ResourceCheck.repositoryName("123456789012.dkr.ecr.us-east-1.amazonaws.com/platform/auth")
                == "platform/auth")
    }
}
