import Foundation
import Synchronization

/// `terraform plan` for a release, into its own plan file: made before the summary when the operator reviews it,
/// or (with --yes) as a step alongside the builds; then read and checked (`DestroyGuard`). The plan file (it may
/// hold secrets) is the deploy's only: 0600, in a folder only its owner reads, removed however the deploy ends.
struct PlanMaker: Sendable {
    let runner: any CommandRunner
    let reporter: Reporter
    /// `--allow-destroy`.
    let allowDestroy: Bool

    /// The plan, made alongside the other reads when the operator reviews it (no --yes); nil when it runs with
    /// the builds instead, or nothing is applied.
    func start(_ release: Release) throws(DeployError) -> Task<Result<TerraformPlan?, DeployError>, Never>? {
        guard let apply = release.apply else { return nil }
        try Self.preparePlans(apply)
        guard !apply.planAlongside else { return nil }
        return Task { await outcome { () async throws(DeployError) in try await make(release) } }
    }

    /// The plan made alongside, awaited before the summary (a failed plan stops the deploy before any build);
    /// with no changes, there is nothing to apply.
    static func planned(_ planning: Task<Result<TerraformPlan?, DeployError>, Never>?, _ release: inout Release)
        async throws(DeployError) -> TerraformPlan?
    {
        guard let planned = try await planning?.value.get() else { return nil }
        if !planned.hasChanges { release.apply?.nothingToApply = true }
        return planned
    }

    /// However the deploy ends, its plan file goes.
    static func remove(_ release: Release) {
        if let file = release.apply?.planFile { try? FileManager.default.removeItem(atPath: file) }
    }

    /// `terraform plan` into this deploy's plan file, then read: before the summary (the `y` covers what it shows).
    func make(_ release: Release) async throws(DeployError) -> TerraformPlan? {
        guard let apply = release.apply, let command = release.planCommand else { return nil }
        reporter.note("==> terraform plan")
        // The plan in words stays unsaid (the summary shows it grouped); terraform's errors and warnings are shown.
        let result = try await runner.run(.run(command), capture: true) { [reporter] in reporter.child("plan", $0) }
        if let signal = result.interruption { throw .interrupted(signal: signal) }
        guard case .exited(let code) = result.status, command.okExitCodes.contains(code) else {
            throw .stepFailed(FailedStep(phase: .plan, subject: nil, status: result.status, output: result.tail))
        }
        return try await review(apply, release)
    }

    /// The saved plan, read and checked.
    func review(_ apply: Release.Apply, _ release: Release) async throws(DeployError) -> TerraformPlan {
        chmod(apply.planFile, 0o600)
        let answer = try await runner.query(Terraform.show(directory: apply.directory, planFile: apply.planFile))
        let plan = try TerraformPlan(showJSON: answer)
        if let refusal = DestroyGuard.refusal(plan, templates: release.targetTemplates, allowDestroy: allowDestroy) {
            throw refusal
        }
        // The task definitions it registers: a secret that does not exist would stop every new task.
        let secrets = await SecretCheck(runner: runner).check(plan.secrets)
        for line in secrets.unchecked { reporter.warning(line) }
        if !secrets.missing.isEmpty {
            throw .refused(
                "terraform's plan registers task definitions that read secrets that do not exist, so nothing is "
                    + "applied:\n" + secrets.lines(account: nil).map { "  - \($0)" }.joined(separator: "\n"))
        }
        return plan
    }

    /// The plans folder, only its owner's, without the plans of deploys that died.
    static func preparePlans(_ apply: Release.Apply) throws(DeployError) {
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
}

/// What one deploy knows of its terraform plan: made before the `y`, or (with --yes) alongside the builds.
final class ReviewedPlan: Sendable {
    private let state = Mutex<(plan: TerraformPlan?, failure: DeployError?)>((nil, nil))

    init(_ plan: TerraformPlan? = nil) { state.withLock { $0.plan = plan } }

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
