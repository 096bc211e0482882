import Foundation

extension HistoryRecord {
    /// The record of a deploy that ran (after the confirmation), whatever its result.
    init(plan: DeployPlan, release: Release, context: Deployer.Context, outcomes: [Executor.Outcome],
         verifications: [Verification], error: DeployError?, seconds: Double, user: String) {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        time = formatter.string(from: context.started)
        by = Operator(arn: context.account.arn, user: user)
        workspace = context.terraformWorkspace ?? "default"
        account = context.account.id
        region = context.account.region
        head = release.tag
        mode = plan.kind
        applied = outcomes.contains { $0.step.phase == .apply }
        let ended = Dictionary(verifications.map { ($0.service, ($0.rollout.result, $0.steadySeconds)) }) { first, _ in first }
        services = release.images.map { image in
            let (rollout, steady) = ended[image.service] ?? (nil, nil)
            return Service(service: image.service, tag: image.tag, previousTag: context.previousTags[image.service],
                           rollout: rollout, steadySeconds: steady.map { ($0 * 10).rounded() / 10 })
        }
        spas = release.sites.map { SPA(spa: $0.spa.name, tag: release.tag) }
        steps = outcomes.map { StepTime(step: $0.step.label, seconds: ($0.seconds * 1000).rounded() / 1000, result: $0.result) }
        result = DeployResult(error)
        self.error = error?.message
        self.seconds = (seconds * 10).rounded() / 10
    }
}
