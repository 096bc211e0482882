import Foundation

extension HistoryRecord {
    /// The record of a deploy that ran (after the confirmation), whatever its result.
    init(
        deployment: Deployment, release: Release, outcomes: [StepOutcome], verifications: [Verification],
        error: DeployError?, seconds: Double, user: String, run: CIRun? = nil, result: DeployResult? = nil
    ) {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        time = formatter.string(from: deployment.started)
        let account = deployment.account
        by = Operator(arn: account?.arn ?? "unknown", user: user, host: ProcessInfo.processInfo.hostName, run: run)
        workspace = deployment.workspaceName
        self.account = account?.id ?? "unknown"
        region = account?.region ?? "unknown"
        head = release.tag
        mode = deployment.options.kind
        applied = outcomes.contains { $0.step.phase == .apply }
        services = Self.services(release, deployment.previousTags, verifications)
        spas = release.sites.map { SPA(spa: $0.spa.name, tag: release.tag) }
        steps = outcomes.map {
            StepTime(step: $0.step.label, seconds: ($0.seconds * 1000).rounded() / 1000, result: $0.result)
        }
        self.result = result ?? DeployResult(error)
        self.error = error?.brief
        self.seconds = (seconds * 10).rounded() / 10
        promotedFrom = release.promotion?.from
    }

    /// Each rolled service with its tag, the tag it ran before and how its rollout ended.
    private static func services(_ release: Release, _ previous: [String: String], _ verifications: [Verification])
        -> [Service]
    {
        // Tuples rather than the verifications themselves: the 6.3 optimizer crashes on the latter (CopyPropagation).
        let ended = Dictionary(
            verifications.map { ($0.service, ($0.rollout.result, $0.steadySeconds, $0.diagnosis)) }
        ) { first, _ in first }
        let timing = Dictionary(verifications.map { ($0.service, ($0.estimate, $0.phases)) }) { first, _ in first }
        return release.images.map { image in
            let (rollout, steady, diagnosis) = ended[image.service] ?? (nil, nil, nil)
            var service = Service(
                service: image.service, tag: image.tag, digest: image.digest, previousTag: previous[image.service],
                rollout: rollout,
                steadySeconds: steady.map { ($0 * 10).rounded() / 10 }, diagnosis: diagnosis)
            if let (estimate, phases) = timing[image.service] {
                (service.expected, service.phases) = (estimate, phases.isEmpty ? nil : phases)
            }
            return service
        }
    }
}
