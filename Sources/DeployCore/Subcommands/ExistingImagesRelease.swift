import Foundation

/// A release of images that exist already, made ready to run: its steps, terraform's plan (made alongside the check
/// that every tag is in ECR, or for a promote alongside the preflight), and the summary. Shared by `deploy
/// rollback`, `--rollback-on-failure` and `deploy promote`.
struct ExistingImagesRelease: Sendable {
    let context: DeployContext
    let opened: Opened
    let allowDestroy: Bool

    /// The release and its plan, once shown; the plan file is removed if it stops here. A promote's images are the
    /// source's (`present`: those this registry holds already, by digest); a rollback's must all be in ECR.
    func prepare(
        _ deployment: Deployment, recovering: Bool, promotion: (Promotion, present: [String: String])? = nil
    ) async throws(DeployError) -> (Release, TerraformPlan?) {
        var release = try Release(resolving: deployment)
        // How long the roll should take, read alongside (not when recovering from a failed rollout: no time for it).
        let timing = Task { [release, opened] in
            recovering ? [:] : await RolloutTiming(opened: opened).settings(release)
        }
        do throws(DeployError) {
            let planning = try PlanMaker(runner: opened.runner, reporter: context.reporter, allowDestroy: allowDestroy)
                .start(release)
            if let (promotion, present) = promotion {
                release.promote(promotion, present: present)
            } else {
                let present = try await RegistryReader(runner: opened.runner).present(release.images)
                let missing = release.images.filter { present[$0.service] == nil }.map { "\($0.service):\($0.tag)" }
                if let refusal = RollbackTargets.missingRefusal(missing, recovering: recovering) { throw refusal }
                release.markInRegistry(present)
            }
            if !recovering {
                try await Preflight(
                    workspace: deployment.workspace, release: release, runner: opened.runner,
                    environment: context.environment, checksUncommitted: false
                ).run()
            }
            let planned = try await PlanMaker.planned(planning, &release)
            release.expectations?.estimate(await timing.value)
            if let account = deployment.account {
                context.reporter.result(ReleaseText.text(release, deployment, account: account, plan: planned))
            }
            return (release, planned)
        } catch {
            PlanMaker.remove(release)
            throw error
        }
    }
}
