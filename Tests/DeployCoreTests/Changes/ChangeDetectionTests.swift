import Testing

@testable import DeployCore

/// `--changed` decisions, from live states and git relations to DEPLOY/skip with a reason.
@Suite struct ChangeDetectionTests {
    let detection = ChangeDetection(config: PlatformConfig())
    let services = ["auth", "billing"]

    func changes(_ live: [String: LiveState], _ relations: [String: CommitRelation]) -> [String: ServiceChange] {
        Dictionary(
            uniqueKeysWithValues: detection.changes(services: services, live: live, relations: relations).map {
                ($0.service, $0)
            })
    }

    @Test func onlyTheServiceWhoseFolderChangedDeploys() {
        let result = changes(
            ["auth": .tagged("aaaaaaa"), "billing": .tagged("aaaaaaa")],
            [
                "aaaaaaa": .behind(
                    commits: 2, paths: ["services/auth/src/a.js", "apps/admin-ui/x.js", "services/slack-agent/y.js"])
            ])
        #expect(result["auth"]?.action == .deploy)
        #expect(result["auth"]?.reason == "services/auth/src/a.js")
        #expect(result["auth"]?.behind == 2)
        #expect(result["billing"]?.action == .skip)
        #expect(result["billing"]?.reason == "no change since aaaaaaa")
    }

    @Test(arguments: [
        "packages/common/index.js", "pnpm-lock.yaml", "infra/docker/service.Dockerfile", "infra/docker/.npmrc",
        "package.json",
    ])
    func sharedChangesFanOut(path: String) {
        let result = changes(
            ["auth": .tagged("aaaaaaa"), "billing": .tagged("aaaaaaa")], ["aaaaaaa": .behind(commits: 1, paths: [path])]
        )
        #expect(result.values.allSatisfy { $0.action == .deploy && $0.reason == "shared: \(path)" })
    }

    @Test func sharedLooksAlikeIsNotShared() {
        let result = changes(
            ["auth": .tagged("aaaaaaa")],
            ["aaaaaaa": .behind(commits: 1, paths: ["packages/commonplace/x.js", "apps/package.json"])])
        #expect(result["auth"]?.action == .skip)
    }

    @Test func manyPathsAreCounted() {
        let paths = (1...5).map { "services/auth/f\($0).js" }
        let result = changes(["auth": .tagged("aaaaaaa")], ["aaaaaaa": .behind(commits: 1, paths: paths)])
        #expect(result["auth"]?.reason == "services/auth/f1.js, services/auth/f2.js (+3 more)")
        #expect(result["auth"]?.paths == paths)
    }

    @Test(arguments: [
        (LiveState.tagged("latest"), "live tag unknown: 'latest' is not a git SHA"),
        (LiveState.serviceMissing, "no live ECS service found"),
        (LiveState.untagged(image: "r/auth@sha256:abc"), "live tag unknown: r/auth@sha256:abc"),
        (LiveState.otherRepository(["other/auth:1"]), "live image is not from its repository: other/auth:1"),
        (LiveState.taskDefinitionMissing("arn:td/auth:3"), "live task definition arn:td/auth:3 could not be read"),
    ])
    func whatCannotBeProvenUnchangedDeploys(live: LiveState, reason: String) {
        let result = changes(["auth": live], [:])
        #expect(result["auth"]?.action == .deploy)
        #expect(result["auth"]?.reason == reason)
    }

    @Test func historyThatDoesNotLeadToHEADDeploysOrRefuses() {
        let result = changes(
            ["auth": .tagged("bbbbbbb"), "billing": .tagged("ccccccc")],
            ["bbbbbbb": .unknownCommit, "ccccccc": .ahead(commits: 3)])
        #expect(result["auth"]?.action == .deploy)
        #expect(result["auth"]?.reason.contains("not a commit in this clone") == true)
        #expect(result["billing"]?.rollsBack == true)
        #expect(result["billing"]?.reason == "live ccccccc is 3 commit(s) ahead of HEAD: deploying would roll it back")
    }

    @Test func liveStateFromTaskDefinitionImages() {
        let repo = "123456789012.dkr.ecr.us-east-1.amazonaws.com/auth"
        #expect(LiveState(images: ["datadog/agent:7", "\(repo):abc1234"], repositoryURL: repo) == .tagged("abc1234"))
        #expect(LiveState(images: ["\(repo)@sha256:ff"], repositoryURL: repo) == .untagged(image: "\(repo)@sha256:ff"))
        #expect(
            LiveState(images: ["\(repo)-worker:abc1234"], repositoryURL: repo)
                == .otherRepository(["\(repo)-worker:abc1234"]))
        #expect(LiveState.tagged("abc1234").commit == "abc1234")
        #expect(LiveState.tagged("latest").commit == nil)
    }

    @Test func tableAndJSON() {
        let rows = [
            ServiceChange(
                service: "auth", liveTag: "aaaaaaa", behind: 1, action: .deploy, reason: "services/auth/a.js",
                paths: ["services/auth/a.js"]),
            ServiceChange(
                service: "billing", liveTag: "aaaaaaa", behind: 1, action: .skip, reason: "no change since aaaaaaa"),
        ]
        #expect(
            ChangeText.table(rows, head: "bbbbbbb", verbose: true) == """
                HEAD bbbbbbb: 1 of 2 service(s) to deploy
                SERVICE  LIVE     BEHIND  ACTION  WHY
                auth     aaaaaaa  1       DEPLOY  services/auth/a.js
                billing  aaaaaaa  1       skip    no change since aaaaaaa
                auth:
                  services/auth/a.js
                """)
        #expect(ChangeText.json(rows, head: "bbbbbbb").contains("\"action\" : \"DEPLOY\""))
    }
}
