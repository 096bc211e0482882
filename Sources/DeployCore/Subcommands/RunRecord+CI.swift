import Foundation

/// What a GitHub Actions step reads of a deploy that ran: its job summary and its outputs.
extension RunRecord {
    /// Written once, when the run ends (a rollback after it writes none): a write that fails is a warning.
    func writeForCI(_ document: DeployDocument, _ verifications: [Verification], _ failure: DeployError?) {
        guard let github = context.github else { return }
        let summary = jobSummary(document, verifications, failure)
        for problem in github.write(summary: summary.markdown(), outputs: outputs(document, verifications)) {
            context.reporter.warning("could not write \(problem)")
        }
    }

    func jobSummary(_ document: DeployDocument, _ verifications: [Verification], _ failure: DeployError?)
        -> JobSummary
    {
        let ended = failure.map { "failed: " + $0.headline } ?? RunText.done(release, deployment.options.mode)
        var facts = [("Environment", "workspace \(deployment.workspaceName)")]
        if let account = deployment.account {
            facts.append(("Account", "\(account.id) as \(account.arn), \(account.region)"))
        }
        facts.append(("Commit", "\(release.tag) (\(deployment.options.kind.rawValue))"))
        if let run = context.ci { facts.append(("Run", run.description)) }
        facts.append(("Took", WaitTime.tenths(document.seconds)))
        return JobSummary(
            title: "deploy \(deployment.workspaceName): \(ended)", succeeded: failure == nil, facts: facts,
            rows: rows(document, verifications, failure),
            plan: document.terraform.map(Self.planText),
            steps: document.steps.map {
                JobSummary.Step(label: $0.label, result: $0.result.rawValue, seconds: $0.seconds)
            }, notRun: document.notRun,
            failure: failure.map { $0.message.split(separator: "\n").map(String.init) } ?? [],
            diagnoses: verifications.compactMap { verification in
                verification.diagnosis.map { (verification.service, $0) }
            })
    }

    /// Each service: what ran, what it rolls to, why, and how it ended.
    private func rows(_ document: DeployDocument, _ verifications: [Verification], _ failure: DeployError?)
        -> [JobSummary.Row]
    {
        let verified = Dictionary(verifications.map { ($0.service, $0.summary) }) { first, _ in first }
        let applied = document.steps.contains { $0.phase == StepPhase.apply.rawValue && $0.result == .ok }
        return release.images.map { image in
            let why = deployment.reasons[image.service] ?? Self.defaultReason(deployment.options.kind)
            let result =
                verified[image.service]
                ?? (release.apply == nil
                    ? (document.images.first { $0.service == image.service }?.built == true ? "pushed" : "in ECR")
                    : applied ? "applied, not verified" : "not rolled")
            return JobSummary.Row(
                service: image.service, live: deployment.previousTags[image.service], new: image.tag, why: why,
                result: result)
        }
    }

    /// The step's outputs: `sha`, `environment`, `result`, `services` (the ones rolled and serving), `history`.
    func outputs(_ document: DeployDocument, _ verifications: [Verification]) -> [(String, String)] {
        let applied = document.steps.contains { $0.phase == StepPhase.apply.rawValue && $0.result == .ok }
        let failed = Set(verifications.filter { !$0.passed }.map(\.service))
        let rolled = applied ? release.images.map(\.service).filter { !failed.contains($0) } : []
        return [
            ("sha", release.tag), ("environment", deployment.workspaceName), ("result", document.result.rawValue),
            ("services", rolled.joined(separator: ",")),
            ("history", key.map { "s3://\(deployment.bucket?.bucket ?? "?")/\($0)" } ?? document.history ?? ""),
        ]
    }

    private static func defaultReason(_ kind: DeployKind) -> String {
        switch kind {
        case .rollback: return "rolled back"
        case .promote: return "promoted"
        case .services: return "named with --services"
        case .imagesOnly: return "image only (--skip-tf)"
        default: return "full deploy"
        }
    }

    static func planText(_ plan: TerraformPlanText.Document) -> String {
        guard !plan.counts.isEmpty else { return "no changes" }
        return ["create", "update", "replace", "destroy"].compactMap { action in
            plan.counts[action].map { "\($0) to \(action)" }
        }.joined(separator: ", ")
    }
}
