import Foundation
import Synchronization

/// What one deploy knows of its terraform plan: made before the `y`, or (with --yes) alongside the builds.
final class PlanState: Sendable {
    private let state = Mutex<(plan: TerraformPlan?, failure: DeployError?)>((nil, nil))

    var plan: TerraformPlan? { state.withLock { $0.plan } }

    /// Why the deploy must stop: the plan failed, or would destroy what nobody asked to.
    var failure: DeployError? { state.withLock { $0.failure } }

    func record(_ outcome: Result<TerraformPlan, DeployError>) {
        state.withLock { state in
            switch outcome {
            case .success(let plan): state.plan = plan
            case .failure(let error): state.failure = error
            }
        }
    }
}

extension Deployer {
    /// The plan, made alongside the other reads when the operator reviews it (no --yes); nil when it runs with the
    /// builds instead, or nothing is applied.
    func planRead(_ release: Release, _ session: Session) throws(DeployError)
        -> Task<Result<TerraformPlan?, DeployError>, Never>?
    {
        guard let apply = release.apply else { return nil }
        try preparePlans(apply)
        guard !apply.planAlongside else { return nil }
        return Task { await outcome { () async throws(DeployError) in try await makePlan(release, session) } }
    }

    /// The plan made alongside, awaited before the summary (a failed plan stops the deploy before any build);
    /// with no changes, there is nothing to apply.
    func planned(_ planning: Task<Result<TerraformPlan?, DeployError>, Never>?, _ release: inout Release)
        async throws(DeployError) -> TerraformPlan?
    {
        guard let planned = try await planning?.value.get() else { return nil }
        if !planned.hasChanges { release.apply?.nothingToApply = true }
        return planned
    }

    /// However the deploy ends, its plan file goes (it may hold secrets).
    func removePlan(_ release: Release) {
        if let file = release.apply?.planFile { try? FileManager.default.removeItem(atPath: file) }
    }

    /// `terraform plan` into this deploy's plan file, then read: before the summary (the `y` covers what it shows).
    func makePlan(_ release: Release, _ session: Session) async throws(DeployError) -> TerraformPlan? {
        guard release.apply != nil, let command = release.planCommand else { return nil }
        reporter.note("==> terraform plan")
        // The plan in words stays unsaid (the summary shows it grouped); terraform's errors and warnings are shown.
        let result = try await session.runner.run(.run(command), capture: true) { [reporter] in
            reporter.child("plan", $0)
        }
        if let signal = result.interruption { throw .interrupted(signal: signal) }
        guard command.okExitCodes.contains(code(result.status)), let apply = release.apply else {
            throw .stepFailed(FailedStep(phase: .plan, subject: nil, status: result.status, output: result.tail))
        }
        return try await review(apply, release, session)
    }

    /// The saved plan, read and checked: a destroy or replace of anything but a service's task definition is
    /// refused unless `--allow-destroy`, naming the addresses.
    func review(_ apply: Release.Apply, _ release: Release, _ session: Session) async throws(DeployError)
        -> TerraformPlan
    {
        chmod(apply.planFile, 0o600)
        let answer = try await session.runner.query(
            Terraform.show(directory: apply.directory, planFile: apply.planFile))
        let plan = try TerraformPlan(showJSON: answer)
        let destroys = plan.unexpectedDestroys(templates: release.targetTemplates)
        if !destroys.isEmpty && !self.plan.allowDestroy {
            throw .refused(
                "terraform's plan would "
                    + destroys.map { "\($0.action.rawValue) \($0.address)" }.joined(separator: ", ")
                    + " (more than a service's task definition), so nothing is applied. If that is meant, pass "
                    + "--allow-destroy")
        }
        return plan
    }

    /// The plans folder, only its owner's, without the plans of deploys that died.
    func preparePlans(_ apply: Release.Apply) throws(DeployError) {
        let folder = URL(fileURLWithPath: apply.planFile).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .configuration("could not make \(folder.path): \(error.localizedDescription)")
        }
        chmod(folder.path, 0o700)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
            guard let pid = Int32(name.split(separator: "-").last?.split(separator: ".").first ?? ""), kill(pid, 0) != 0
            else { continue }
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    private func code(_ status: TerminationStatus) -> Int32 {
        if case .exited(let code) = status { return code }
        return -1
    }
}
