import Foundation
import Testing

@testable import DeployCore

/// `deploy promote`: what staging runs, tested there, goes to prod as the very same images (by digest), copied
/// registry to registry, with no build; nothing is copied or rolled unless staging vouches for it.
@Suite struct PromoteTests {
    static let promote = [
        "promote", "--from", "tfvars/staging.tfvars", "--var-file", "tfvars/prod.tfvars", "--profile", "prod",
        "--from-profile", "staging", "--yes",
    ]
    static let head = ScriptedPlatform.head
    static let registry = ScriptedPlatform.registry

    @Test func whatStagingRunsIsCopiedByDigestAndRolledInProdWithNoBuild() async throws {
        let platform = ScriptedPlatform()
        try platform.staging(runs: Self.head)
        let run = await platform.run(Self.promote)

        #expect(run.error == nil, "\(run.err)")
        #expect(platform.commands(of: "docker").isEmpty, "nothing is built, pulled or pushed by the engine")
        let copies = platform.commands(of: "skopeo copy")
        #expect(copies.count == 2)
        #expect(
            copies.contains {
                $0.contains("--preserve-digests")
                    && $0.hasSuffix(
                        "docker://\(Self.registry)/staging-auth:\(Self.head) docker://\(Self.registry)/auth:\(Self.head)"
                    )
            }, "\(copies)")
        let logins = platform.commands(of: "aws ecr get-login-password")
        #expect(logins.count == 2, "one login per side, each through a pipe into skopeo: \(logins)")
        #expect(platform.commands(of: "skopeo login").allSatisfy { $0.contains("--password-stdin") })
        #expect(platform.live["auth"] == Self.head && platform.live["billing"] == Self.head)
        #expect(run.out.contains("From      staging (profile staging): its images by digest"), "\(run.out)")
        #expect(run.out.contains("Rolls     auth \(ScriptedPlatform.parent) → \(Self.head)  ~15–75 s"))
        #expect(run.out.contains("Rollout   ~15–75 s (auth, the slowest of 2"), "a promote says how long it rolls")
        #expect(run.out.contains("promoted auth \(Self.head), billing \(Self.head) from staging"))
        let record = try #require(platform.history.last)
        #expect(record.mode == .promote && record.promotedFrom == "staging" && record.result == .deployed)
        #expect(
            record.services.map(\.digest) == [
                ScriptedPlatform.digest("auth", Self.head), ScriptedPlatform.digest("billing", Self.head),
            ])

        let undone = await platform.run(["rollback", "--var-file", "tfvars/prod.tfvars", "--profile", "prod", "--yes"])
        #expect(undone.error == nil, "\(undone.err)")
        #expect(platform.live["auth"] == ScriptedPlatform.parent, "deploy rollback undoes a promote")
        #expect(undone.out.contains("Rollout   ~15–75 s"), "a rollback says how long it rolls too")
    }

    @Test func onlyWhatProdLacksIsCopiedAndOnlyWhatChangesRolls() async throws {
        let platform = ScriptedPlatform()
        try platform.staging(runs: Self.head)
        platform.model.withLock { model in
            model.tags["billing"]?.insert(Self.head)
            model.revisions["billing"]?.append(Self.head)
        }
        let run = await platform.run(Self.promote)

        #expect(run.error == nil, "\(run.err)")
        #expect(platform.commands(of: "skopeo copy").count == 1)
        #expect(platform.history.last?.services.map(\.service) == ["auth"], "billing runs it already: not rolled")
        #expect(platform.model.withLock { $0.revisions["billing"] } == [ScriptedPlatform.parent, Self.head])
        let again = await platform.run(Self.promote)
        #expect(again.error == nil)
        #expect(
            again.out.contains("nothing to promote: prod already runs what staging runs, by digest"), "\(again.out)")
    }

    @Test func anUnverifiedSourceAPushedOverTagAndAnOlderCommitAreRefusedBeforeAnythingChanges() async throws {
        let unverified = ScriptedPlatform()
        try unverified.staging(runs: Self.head, verified: false)
        let refused = await unverified.run(Self.promote)
        #expect(refused.code == 1)
        #expect(
            refused.err.contains(
                "not promoting from staging to prod: auth: staging's last deploy of \(Self.head) (2026-12-06T10:00:00Z) "
                    + "ended failed, its rollout failed"), "\(refused.err)")
        #expect(unverified.commands(of: "skopeo").isEmpty && unverified.commands(of: "terraform -chdir").isEmpty)

        let pushedOver = ScriptedPlatform()
        try pushedOver.staging(runs: Self.head)
        pushedOver.model.withLock { model in
            model.tags["auth"]?.insert(Self.head)
            model.digests["auth:\(Self.head)"] = "sha256:" + String(repeating: "e", count: 64)
        }
        let conflict = await pushedOver.run(Self.promote)
        #expect(conflict.err.contains("prod's registry holds auth:\(Self.head) as sha256:eeee"), "\(conflict.err)")
        #expect(conflict.err.contains("(the tag was pushed over)"))
        #expect(
            conflict.err.contains("aws ecr batch-delete-image --repository-name auth --image-ids imageTag=\(Self.head)")
        )

        let older = ScriptedPlatform(live: Self.head)
        try older.staging(runs: ScriptedPlatform.parent)
        let back = await older.run(Self.promote)
        #expect(
            back.err.contains("auth: it runs \(Self.head), 1 commit(s) ahead of \(ScriptedPlatform.parent)"),
            "\(back.err)")
        #expect(older.commands(of: "skopeo").isEmpty)
    }

    @Test func aSourceTagPushedOverAfterItsVerifiedDeployAnUnknownCommitAndAFailedReadAreRefused() async throws {
        let pushedOver = ScriptedPlatform()
        try pushedOver.staging(runs: Self.head)
        pushedOver.model.withLock {
            $0.digests["staging-auth:\(Self.head)"] = "sha256:" + String(repeating: "d", count: 64)
        }
        let since = await pushedOver.run(Self.promote)
        #expect(
            since.err.contains(
                "auth: staging's registry holds auth:\(Self.head) as sha256:dddd"), "\(since.err)")
        #expect(
            since.err.contains(
                "as its verified deploy (2026-12-06T10:00:00Z) ran it: the tag was pushed over there since"))

        let unknown = ScriptedPlatform()
        try unknown.staging(runs: "fedcba9")
        let fetch = await unknown.run(Self.promote)
        #expect(fetch.err.contains("auth: fedcba9 is not a commit of this clone"), "\(fetch.err)")
        #expect(fetch.err.contains("git fetch, or pass --allow-rollback"))

        let denied = ScriptedPlatform()
        try denied.staging(runs: Self.head)
        denied.model.withLock { $0.failing = ["--repository-name auth --image-ids"] }
        let read = await denied.run(Self.promote)
        #expect(
            read.code == 1 && read.err.contains("scripted failure"), "a failed read is not \"not there\": \(read.err)")
        #expect(denied.commands(of: "skopeo").isEmpty)
    }

    @Test func aCopyThatLandsAnotherDigestStopsBeforeTheApply() async throws {
        let platform = ScriptedPlatform()
        try platform.staging(runs: Self.head)
        platform.model.withLock { $0.copiesAs["auth"] = "sha256:" + String(repeating: "f", count: 64) }
        let run = await platform.run(Self.promote)

        #expect(run.code == 1)
        #expect(run.err.contains("the registry holds auth:\(Self.head) as sha256:ffff"), "\(run.err)")
        #expect(platform.commands(of: "terraform -chdir=infra/terraform/aws apply").isEmpty)
        #expect(platform.live["auth"] == ScriptedPlatform.parent)
    }

    @Test func ctrlCDuringTheCopyAppliesNothingAndLetsTheLockGo() async throws {
        let platform = ScriptedPlatform()
        try platform.staging(runs: Self.head)
        platform.model.withLock { $0.interruptOn = "skopeo copy" }
        let run = await platform.run(Self.promote)

        #expect(run.code == 130)
        #expect(platform.commands(of: "terraform -chdir=infra/terraform/aws apply").isEmpty)
        #expect(platform.live["auth"] == ScriptedPlatform.parent && platform.lockReleased)
        #expect(platform.history.last?.result == .interrupted && platform.history.last?.promotedFrom == "staging")
    }

    @Test func theDryRunListsTheCopiesWithoutRunningThem() async throws {
        let platform = ScriptedPlatform()
        try platform.staging(runs: Self.head)
        let run = await platform.run(Self.promote.filter { $0 != "--yes" } + ["--dry-run"])

        #expect(run.error == nil, "\(run.err)")
        #expect(run.out.contains("skopeo copy --all --preserve-digests"), "\(run.out)")
        #expect(
            platform.commands(of: "skopeo").isEmpty
                && platform.commands(of: "terraform -chdir=infra/terraform/aws apply").isEmpty)
    }

    @Test func withoutFromItIsAUsageError() async {
        let run = await ScriptedPlatform().run(["promote", "--var-file", "tfvars/prod.tfvars"])
        #expect(run.code == 2)
        #expect(run.err.contains("deploy promote needs --from and --var-file"))
    }
}
