/// What a deploy will do, printed before the confirmation: who and where, the images and SPAs (and what is
/// already there), what rolls from which tag, how terraform applies, and how the rollout is verified.
enum ReleaseText {
    static func text(_ release: Release, _ deployment: Deployment, account: Account, plan: TerraformPlan? = nil)
        -> String
    {
        (who(account, deployment.terraformWorkspace) + tags(release, deployment.options) + sites(release)
            + rolls(release, previous: deployment.previousTags) + tasks(release) + terraform(release, plan)
            + verify(release)
            + lock(deployment))
            .joined(separator: "\n")
    }

    private static func who(_ account: Account, _ workspace: String?) -> [String] {
        [
            "Account   \(account.id)  (\(account.arn))",
            "Region    \(account.region)    Profile \(account.profile ?? "none: the default credential chain")"
                + (workspace.map { "    Workspace \($0)" } ?? ""),
        ]
    }

    /// The tag every image is built at; a rollback's tags instead, for it builds nothing.
    private static func tags(_ release: Release, _ options: ReleaseOptions) -> [String] {
        if let promotion = release.promotion { return promoted(release, promotion) }
        guard options.mode == .rollback else { return ["Tag       \(release.tag)"] + images(release) }
        return [
            "Tags      " + list(release.images.map { "\($0.service) \($0.tag)" }),
            "Images    none built: a rollback points services back at images already in ECR",
        ]
    }

    /// Each promoted image with its digest, and whether it is copied or already in this registry.
    private static func promoted(_ release: Release, _ promotion: Promotion) -> [String] {
        let width = release.images.map(\.service.count).max() ?? 0
        let rows = release.images.map { image in
            image.service.padding(toLength: width, withPad: " ", startingAt: 0) + "  \(image.tag)  "
                + (image.digest ?? "?") + (image.inRegistry ? "  already in this registry" : "  copied")
        }
        return [
            "From      \(promotion.from)" + (promotion.profile.map { " (profile \($0))" } ?? "")
                + ": its images by digest, copied registry to registry (skopeo); none built"
        ] + rows.enumerated().map { ($0.offset == 0 ? "Images    " : "          ") + $0.element }
    }

    private static func images(_ release: Release) -> [String] {
        let present = release.images.filter(\.inRegistry).map(\.service)
        return ["Images    " + list(release.images.map(\.service))]
            + (present.isEmpty ? [] : ["          already in ECR, not rebuilt: \(present.joined(separator: ", "))"])
    }

    private static func sites(_ release: Release) -> [String] {
        let current = release.sites.filter(\.upToDate).map(\.spa.name)
        return ["SPAs      " + list(release.sites.map(\.spa.name))]
            + (current.isEmpty
                ? [] : ["          bucket already holds this build, skipped: \(current.joined(separator: ", "))"])
    }

    /// What changes tag, `from → to`, with how long its roll should take (`~6–7 min: 300 s of it is the
    /// deregistration delay`); a service that runs its tag already is not a roll, and is said apart.
    private static func rolls(_ release: Release, previous: [String: String]) -> [String] {
        guard release.apply != nil && !previous.isEmpty else { return [] }
        let same = release.images.filter { previous[$0.service] == $0.tag }
        let rollouts = release.expectations?.rollouts ?? []
        let estimates = Dictionary(rollouts.compactMap { rollout in rollout.estimate.map { (rollout.service, $0) } }) {
            first, _ in first
        }
        let rows = release.images.filter { previous[$0.service] != $0.tag }.map {
            "\($0.service) \(Inert.field(previous[$0.service] ?? "?", limit: 40)) → \($0.tag)"
                + (estimates[$0.service].map { "  \($0.text)" } ?? "")
        }
        let unchanged =
            same.isEmpty
            ? [] : ["          unchanged, already on their tag: " + same.map(\.service).joined(separator: ", ")]
        return ["Rolls     " + (rows.isEmpty ? "none" : rows.joined(separator: "\n          "))] + unchanged
    }

    /// The tasks before the roll: what runs, on which image, for how long at most.
    private static func tasks(_ release: Release) -> [String] {
        release.tasks.enumerated().map { ($0.offset == 0 ? "Tasks     " : "          ") + $0.element.summary }
    }

    private static func terraform(_ release: Release, _ plan: TerraformPlan?) -> [String] {
        guard let apply = release.apply else { return ["Terraform not applied (--skip-tf): nothing rolls"] }
        let planned =
            plan.map { TerraformPlanText.lines($0, release) }
            ?? ["Plan      made alongside the builds (--yes): what it changes is said when it ends"]
        let scope =
            apply.targets.isEmpty
            ? "every service to \(release.tag)"
            : "only \(release.images.map(\.service).joined(separator: ", ")) (-target)"
        return ["Terraform apply in \(apply.directory) with \(apply.varFile): rolls \(scope)"] + planned
    }

    private static func verify(_ release: Release) -> [String] {
        guard let checks = release.expectations else {
            return release.apply == nil ? [] : ["Verify    not verified (--no-verify): the rollout is not watched"]
        }
        let health =
            checks.checksHealth ? ", then each service's health URL" : " (no api_base_url output: health not checked)"
        return ["Verify    ECS steady within \(WaitTime.text(checks.timeout))\(health)"] + estimate(checks)
    }

    /// How long the roll should take: the slowest service's estimate (they roll together), and what costs it most.
    private static func estimate(_ checks: Expectations) -> [String] {
        guard let slowest = checks.slowest, let estimate = slowest.estimate else { return [] }
        let count = checks.rollouts.filter { $0.estimate != nil }.count
        let which = count > 1 ? "\(slowest.service), the slowest of \(count)" : slowest.service
        return ["Rollout   \(estimate.range) (\(which)\(estimate.why.map { ": \($0)" } ?? ""))"]
    }

    /// Where the lock is: the team's in the deploy bucket, or this clone's.
    private static func lock(_ deployment: Deployment) -> [String] {
        guard let place = deployment.bucket else {
            return ["Lock      this clone only (add a deploy_bucket output to share the lock and history)"]
        }
        return ["Lock      \(place.lockURL)"]
    }

    private static func list(_ names: [String]) -> String {
        names.isEmpty ? "none" : names.joined(separator: ", ")
    }
}
