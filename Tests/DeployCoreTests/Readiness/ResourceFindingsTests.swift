import Foundation
import Testing

@testable import DeployCore

/// `deploy check`'s reads of the resources, with the aws CLI played by a scripted runner: a resource passes only
/// on its answer.
@Suite struct ResourceFindingsTests {
    static func check(_ runner: FakeRunner, api: String? = nil) async -> [Finding] {
        var facts = EnvironmentFacts()
        facts.bucketNames = ["admin-ui": "platform-prod-admin-ui"]
        facts.apiBaseURL = api
        return await ResourceFindings(
            runner: runner, reader: ECSReader(runner: runner, cache: TaskDefinitionCache(file: nil)), facts: facts,
            services: [], spas: ["admin-ui"], lock: nil
        ).lines()
    }

    /// A 404 from a service's health URL is a wrong path, which the verification after an apply would fail on.
    @Test func aHealthURLAnswering404IsAFailureAndAll200AreSaidOnTheAPIsLine() async {
        func findings(_ codes: [String: String]) async -> [Finding] {
            let runner = FakeRunner { action in
                let url = action.commands[0].arguments.last ?? ""
                return .ok(codes.first { url.hasSuffix($0.key) }?.value ?? "404")
            }
            var facts = EnvironmentFacts()
            facts.apiBaseURL = "https://api.example.com"
            var check = ResourceFindings(
                runner: runner, reader: ECSReader(runner: runner, cache: TaskDefinitionCache(file: nil)), facts: facts,
                services: [], spas: [], lock: nil)
            check.healthURLs = [
                ("auth", "https://api.example.com/v1/auth/health"),
                ("billing", "https://api.example.com/v1/billing/health"),
            ]
            return await check.lines()
        }
        let fine = await findings(["/": "404", "/auth/health": "200", "/billing/health": "200"])
        #expect(fine == [.ok("api", "https://api.example.com answers (HTTP 404); each service's /health answers 200")])
        let wrong = await findings(["/": "404", "/auth/health": "200"])
        #expect(wrong.map(\.verdict) == [.ok, .fail])
        #expect(wrong.last?.says == "billing: GET https://api.example.com/v1/billing/health answered 404")
        #expect(wrong.last?.fix?.hasPrefix("no such route: correct healthPaths[\"billing\"]") == true)
    }

    @Test func aBucketWhoseReadWasInterruptedIsNotReportedAsExisting() async {
        let lines = await Self.check(
            FakeRunner { _ in
                var result = RunResult(status: .signaled(SIGINT))
                result.interruption = SIGINT
                return result
            })
        #expect(lines.map(\.verdict) == [.fail], "\(lines)")
    }

    @Test func aBucketThatAnswersExistsAndOneThatDoesNotIsNamed() async {
        #expect(await Self.check(FakeRunner()) == [.ok("s3", "spa admin-ui: bucket platform-prod-admin-ui exists")])
        let missing = await Self.check(
            FakeRunner { _ in RunResult(status: .exited(254), tail: ["An error occurred (404) when calling HeadBucket"])
            })
        #expect(
            missing == [
                .fail(
                    "s3",
                    "spa admin-ui: bucket 'platform-prod-admin-ui' does not exist or cannot be read (An error occurred "
                        + "(404) when calling HeadBucket)",
                    fix: "create it (terraform apply), or correct spa_bucket_names")
            ])
    }

    @Test func anAPIAnsweringAServerErrorFails() async {
        let lines = await Self.check(
            FakeRunner { action in
                action.commands[0].tool == "curl"
                    ? RunResult(status: .exited(0), stdout: Data("503".utf8)) : RunResult(status: .exited(0))
            }, api: "https://api.example.com")
        #expect(
            lines.last
                == .fail(
                    "api", "https://api.example.com answers HTTP 503",
                    fix: "check the load balancer's targets and the services' logs"))
    }
}
