import Foundation
import Testing

@testable import DeployCore

/// terraform's plan comes first: shown in the summary before the `y` (or made alongside the builds with --yes); a
/// failing or destroying plan stops the deploy before anything changes; a plan with nothing to do skips the apply.
@Suite struct PlanTests {
    static let deploy = ["--var-file", "tfvars/prod.tfvars", "--profile", "p", "--skip-spas", "--min-free-gb", "0"]

    static func plans(_ platform: ScriptedPlatform) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: platform.gitDirectory.path + "/deploy/plans")) ?? []
    }

    @Test func aFailingPlanStopsTheDeployBeforeAnyBuild() async {
        let platform = ScriptedPlatform()
        platform.model.withLock { $0.failing = ["terraform -chdir=infra/terraform/aws plan"] }
        let run = await platform.run(Self.deploy)
        #expect(run.code == 1)
        #expect(run.err.contains("deploy: error: terraform plan exited with 1: nothing is applied"))
        #expect(platform.dockerWork.isEmpty, "nothing was built")
        #expect(!run.out.contains("Account"), "no summary of a deploy that cannot happen")

        let alongside = await platform.run(Self.deploy + ["--yes"])
        #expect(alongside.code == 1)
        #expect(!platform.commands.contains { $0.hasPrefix("docker push") }, "no push after the plan failed")
        #expect(platform.live["auth"] == ScriptedPlatform.parent)
        #expect(Self.plans(platform).isEmpty, "the plan file is gone after a failure too")
    }

    @Test func whatTheCommitChangesBesidesTheImagesIsListedByAddressAndApplied() async throws {
        let platform = ScriptedPlatform()
        platform.model.withLock { $0.otherChanges = ["terraform_data.extra": "create"] }
        let run = await platform.run(Self.deploy + ["--yes", "--output", "json"])
        #expect(run.error == nil, "\(run.err)")
        #expect(run.err.contains("          + create  terraform_data.extra"), "\(run.err)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        let changes = ((document["terraform"] as? [String: Any])?["changes"] as? [[String: String]]) ?? []
        #expect(changes.contains(["address": "terraform_data.extra", "action": "create"]))
        let plan = try #require(
            platform.commands.first { $0.contains(" plan ") }?.split(separator: " ").first { $0.hasPrefix("-out=") })
        #expect(
            platform.commands.contains { $0.contains(" apply ") && $0.hasSuffix(String(plan.dropFirst(5))) },
            "that plan is applied")
    }

    @Test func aDestroyIsRefusedUnlessAllowed() async {
        let platform = ScriptedPlatform()
        platform.model.withLock { $0.otherChanges = ["terraform_data.note[0]": "delete"] }

        // Reviewed before the question: refused before anything is built, and said once.
        let refused = await platform.run(Self.deploy)
        #expect(refused.code == 1)
        let refusal = "terraform's plan would destroy terraform_data.note[0] (more than a service's task definition)"
        #expect(refused.err.contains(refusal), "\(refused.err)")
        #expect((refused.out + refused.err).components(separatedBy: refusal).count == 2, "said once")
        #expect(platform.dockerWork.isEmpty)

        // With --yes the plan ends while the builds run: they stop, and nothing is applied.
        let alongside = await platform.run(Self.deploy + ["--yes"])
        #expect(alongside.code == 1)
        #expect(alongside.err.contains("terraform's plan would destroy terraform_data.note[0]"))
        #expect(!(alongside.out + alongside.err).contains("failed: terraform's plan"), "a refusal is said once")
        #expect(!platform.commands.contains { $0.contains(" apply ") })
        #expect(platform.live["auth"] == ScriptedPlatform.parent)

        let preview = await platform.run(Self.deploy + ["--dry-run", "--allow-destroy"])
        #expect(preview.error == nil, "\(preview.err)")
        #expect(preview.out.contains("          - destroy  terraform_data.note[0]"))
    }

    @Test func aRerunWithNothingToApplySkipsTheApplyAndTheWatchButAsksTheHealthURLs() async throws {
        let platform = ScriptedPlatform()
        #expect(await platform.run(Self.deploy + ["--yes"]).error == nil)
        let (curls, watches) = (platform.commands(of: "curl").count, Self.rolloutReads(platform))

        let run = await platform.run(Self.deploy + ["--yes", "--output", "json"])
        #expect(run.error == nil, "\(run.err)")
        #expect(run.err.contains("Plan      no changes: nothing to apply, no rollout to watch"))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        let steps = (document["steps"] as? [[String: Any]])?.compactMap { $0["label"] as? String } ?? []
        #expect(steps == ["plan"], "images in ECR, nothing to apply: only the plan ran")
        let rollouts = (document["verification"] as? [[String: Any]])?.compactMap { $0["rollout"] as? String }
        #expect(rollouts == ["unchanged", "unchanged"])
        #expect(Self.rolloutReads(platform) == watches + 1, "what ECS runs was read once, and no rollout watched")
        #expect(platform.commands(of: "curl").count == curls + 2 * 2)
    }

    static func rolloutReads(_ platform: ScriptedPlatform) -> Int {
        platform.commands(of: "aws").filter { $0.hasPrefix("aws ecs describe-services") }.count
    }
}
