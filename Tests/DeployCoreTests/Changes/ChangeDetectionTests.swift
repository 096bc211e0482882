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

    @Test func aLiveCommitOnAnotherLineRollsBackToo() {
        let result = changes(["auth": .tagged("ddddddd")], ["ddddddd": .diverged(ahead: 2, behind: 3)])
        #expect(result["auth"]?.rollsBack == true && result["auth"]?.action == .deploy)
        #expect(
            result["auth"]?.reason == "live ddddddd is not an ancestor of HEAD (history rewritten or another branch: "
                + "it has 2 commit(s) HEAD lacks, HEAD has 3 it lacks): deploying would drop them")
    }

    static let rollback = Rollback(from: "bbbbbbb", to: "aaaaaaa", by: "ops", time: "2026-11-29T10:00:00Z")

    @Test func aRolledBackCommitIsHeldUnlessHEADHasSomethingNewForTheService() {
        let live: [String: LiveState] = ["auth": .tagged("aaaaaaa"), "billing": .tagged("aaaaaaa")]
        let sinceLive = CommitRelation.behind(commits: 2, paths: ["services/auth/a.js", "services/billing/b.js"])
        func verdicts(_ sinceUndone: CommitRelation) -> [String: ServiceChange] {
            let found = detection.changes(
                services: services, live: live,
                relations: ["aaaaaaa": sinceLive, "bbbbbbb": sinceUndone],
                rollbacks: ["auth": Self.rollback])
            return Dictionary(uniqueKeysWithValues: found.map { ($0.service, $0) })
        }
        let same = verdicts(.same)
        #expect(same["auth"]?.action == .held && same["auth"]?.rolledBack == Self.rollback)
        #expect(
            same["auth"]?.reason == "rolled back from bbbbbbb by ops at 2026-11-29T10:00:00Z, and HEAD has nothing new "
                + "for it since: deploying would ship it again (--allow-redeploy)")
        #expect(same["billing"]?.action == .deploy, "only the rolled-back service is held")
        #expect(verdicts(.behind(commits: 1, paths: ["services/billing/c.js"]))["auth"]?.action == .held)
        let fixed = verdicts(.behind(commits: 1, paths: ["services/auth/fix.js"]))["auth"]
        #expect(fixed?.action == .deploy)
        #expect(fixed?.reason == "rolled back from bbbbbbb by ops at 2026-11-29T10:00:00Z; services/auth/a.js")
    }

    @Test func theLastDeployOfEachServiceSaysWhetherItWasRolledBack() {
        let history = [
            HistoryTests.record(.full, head: "bbbbbbb", [("auth", "aaaaaaa"), ("billing", "aaaaaaa")]),
            HistoryTests.record(.rollback, head: "bbbbbbb", [("auth", "bbbbbbb"), ("billing", "bbbbbbb")]).with(
                tag: "aaaaaaa"),
            HistoryTests.record(.changed, head: "ccccccc", [("billing", "aaaaaaa")]),
        ]
        let found = Rollback.latest(in: history)
        #expect(found.keys.sorted() == ["auth"], "billing was deployed again since")
        #expect(found["auth"] == Rollback(from: "bbbbbbb", to: "aaaaaaa", by: "ops", time: "2026-11-26T10:00:00Z"))
    }

    @Test func everyServiceThatWouldRollBackIsNamedAndAnUndoneCommitIsRefused() throws {
        var deployment = try Deployment.testing()
        let back = [
            ServiceChange(
                service: "auth", liveTag: "fff0000", behind: nil, action: .deploy,
                reason: "live fff0000 is 2 "
                    + "commit(s) ahead of HEAD: deploying would roll it back", rollsBack: true),
            ServiceChange(
                service: "billing", liveTag: "ddddddd", behind: nil, action: .deploy,
                reason: "live ddddddd is "
                    + "not an ancestor of HEAD", rollsBack: true),
        ]
        #expect(
            throws: DeployError.refused(
                "auth: live fff0000 is 2 commit(s) ahead of HEAD: deploying would roll it back; "
                    + "billing: live ddddddd is not an ancestor of HEAD. Check out the newer commit, or pass "
                    + "--allow-rollback to "
                    + "deploy HEAD anyway")
        ) {
            try deployment.check(back, allowRollback: false, allowRedeploy: false)
        }
        try deployment.check(back, allowRollback: true, allowRedeploy: false)
        var held = ServiceChange(
            service: "auth", liveTag: "aaaaaaa", behind: 1, action: .held,
            reason: "rolled back from "
                + "bbbbbbb by ops at T, and HEAD has nothing new for it since: deploying would ship it again "
                + "(--allow-redeploy)"
        )
        held.rolledBack = Self.rollback
        #expect(
            throws: DeployError.refused(
                "not deploying what was rolled back: auth was rolled back from bbbbbbb by ops at "
                    + "T, and HEAD has nothing new for it since. Commit the fix first, or pass --allow-redeploy to "
                    + "ship it again"
            )
        ) {
            try deployment.limit(to: [held], allowRollback: false)
        }
        try deployment.limit(to: [held], allowRollback: false, allowRedeploy: true)
        #expect(deployment.services == ["auth"])
    }
}
