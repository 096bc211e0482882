import Foundation
import Testing

@testable import DeployCore

/// What `deploy check` makes of what it reads: a tool's version line, a repository URL, a failed call.
@Suite struct FindingTests {
    @Test func versionsAreCutToTheirFirstWords() {
        #expect(
            ToolFindings.version(Data("curl 7.88.1 (x86_64-pc-linux-gnu) libcurl/7.88.1\nRelease-Date\n".utf8))
                == "curl 7.88.1")
        #expect(ToolFindings.version(Data("Docker version 27.3.1, build 1\n".utf8)) == "Docker version 27.3.1")
        #expect(ToolFindings.terraform(Data(#"{"terraform_version": "1.5.7"}"#.utf8)).verdict == .fail)
        #expect(
            ToolFindings.terraform(Data(#"{"terraform_version": "1.9.0"}"#.utf8)) == .ok("terraform", "terraform 1.9.0")
        )
    }

    @Test func repositoryNamesComeFromTheirURLs() {
        #expect(
            Names.repositoryName(of: "123456789012.dkr.ecr.us-east-1.amazonaws.com/platform/auth")
                == "platform/auth")
    }

    @Test func aFailedCallSaysWhatItSaidAndWhatToLookAt() {
        let line = Finding.fail(
            "ecr",
            .queryFailed(
                command: "aws ecr describe-repositories", status: .exited(254),
                output: ["An error occurred (AccessDeniedException) when calling DescribeRepositories"]))
        #expect(
            line.says == "`aws ecr describe-repositories` exited with 254: An error occurred (AccessDeniedException) "
                + "when calling DescribeRepositories")
        #expect(line.fix == "check that the profile may make this call (its IAM policy), and the network")
        #expect(Finding.fail("terraform", .preflight(["a", "b"])).says == "a; b")
    }
}

extension FindingTests {
    /// A missing output is named with the snippet that adds it.
    @Test func aMissingOutputComesWithTheSnippetThatAddsIt() {
        var facts = EnvironmentFacts()
        facts.bucketNames = ["admin-ui": "platform-prod-admin-ui"]
        facts.distributionIDs = ["admin-ui": "E1"]
        let lines = OutputFindings(facts: facts, services: ["auth"], spas: ["admin-ui"]).lines()
        let missing = lines.filter { $0.verdict == .fail }
        #expect(
            missing.map(\.says) == [
                "terraform output 'ecr_repository_urls' is missing",
                "terraform output 'ecs_cluster_name' is missing (--changed, status and the rollout watch read ECS)",
            ])
        #expect(
            missing.first?.fix
                == "add `output \"ecr_repository_urls\" { value = { for name, repository in aws_ecr_repository.service "
                + ": name => repository.repository_url } }` to the terraform root module and apply once "
                + "(docs/first-environment.md)")
    }
}
