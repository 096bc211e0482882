import Foundation

extension Deployer {
    /// What a resolved deploy or rollback carries into its run: where, who, and what ran before.
    struct Context: Sendable {
        let workspace: Workspace
        let account: Account
        let terraformWorkspace: String?
        /// The tag each service ran before this deploy (what a rollback returns to).
        let previousTags: [String: String]
        let started: Date
    }

    /// After the plan is shown: takes the workspace's lock, asks for the typed `y`, runs the steps, verifies
    /// the rollout, prints the closing table and records the deploy in the history, however it ended.
    func carryOut(_ release: Release, _ context: Context) async throws(DeployError) {
        let steps = release.steps
        if plan.dryRun {
            reporter.result(PlanText.dryRun(release))
            if plan.json {
                var summary = DeploySummary(release: release, outcomes: [], notRun: steps, seconds: Date().timeIntervalSince(context.started),
                                            error: nil, result: "dry run")
                summary.planned = (steps + (release.checks?.steps ?? [])).map(\.action.rendered)
                reporter.document(summary.json)
            }
            return
        }
        let workspaceName = context.terraformWorkspace ?? "default"
        let lock = try DeployLock.acquire(gitDirectory: context.workspace.gitDirectory, workspace: workspaceName, sha: release.tag, reporter: reporter)
        defer { lock.release() }
        if !plan.assumeYes && !prompt.confirm(question(release, context.account)) { throw .declined }
        let executor = Executor(runner: context.workspace.runner, reporter: reporter, children: children, concurrency: plan.concurrency,
                                live: board(steps))
        var (outcomes, failure) = await executor.run(steps)
        var verifications: [Verification] = []
        if failure == nil, let checks = release.checks {
            let verifier = Verifier(runner: context.workspace.runner, reporter: reporter, children: children,
                                    cache: context.workspace.taskDefinitionCache, live: board(checks.steps))
            switch await outcome({ () async throws(DeployError) in try await verifier.verify(checks) }) {
            case .success(let results): verifications = results
            case .failure(let error): failure = error
            }
            let problems = verifications.compactMap(\.problem)
            if failure == nil && !problems.isEmpty { failure = .verificationFailed(problems, next: nextStep(after: release)) }
        }
        let ran = Set(outcomes.map(\.step.label))
        let notRun = steps.filter { !ran.contains($0.label) }, seconds = Date().timeIntervalSince(context.started)
        reporter.result("\n" + PlanText.closing(outcomes, notRun: notRun, seconds: seconds)
                        + (verifications.isEmpty ? "" : "\n" + PlanText.verification(verifications)))
        let history = HistoryFile(gitDirectory: context.workspace.gitDirectory, workspace: workspaceName)
        let record = HistoryRecord(plan: plan, release: release, context: context, outcomes: outcomes, verifications: verifications,
                                   error: failure, seconds: seconds, user: Self.localUser(environment))
        do { try history.append(record) } catch { reporter.note("deploy: warning: \(error.message)") }
        if plan.json {
            var summary = DeploySummary(release: release, outcomes: outcomes, notRun: notRun, seconds: seconds, error: failure)
            summary.verification = DeploySummary.checks(verifications)
            summary.history = history.url.path
            reporter.document(summary.json)
        }
        if let failure { throw failure }
        reporter.result(plan.mode == .rollback ? "rolled back \(release.images.map { "\($0.service) to \($0.tag)" }.joined(separator: ", "))"
                                               : "deployed \(release.tag)")
    }

    private func question(_ release: Release, _ account: Account) -> String {
        plan.mode == .rollback
            ? "Roll back \(release.images.count) service(s) in account \(account.id) (\(account.region))?"
            : "Deploy \(release.tag) to account \(account.id) (\(account.region))?"
    }

    /// On a terminal (and not --quiet or --verbose): the live board for these steps.
    private func board(_ steps: [Step]) -> LiveStatus? {
        !plan.quiet && !plan.verbose && LiveStatus.wanted(environment: environment)
            ? LiveStatus(steps: steps, write: { [reporter] in reporter.raw($0) }) : nil
    }

    /// What the operator can do when the new code is not serving.
    private func nextStep(after release: Release) -> String {
        let varFile = plan.varFile ?? "tfvars/<env>.tfvars"
        if plan.mode == .rollback {
            return "the rollback did not settle either: read the ECS service events, or pick another tag with deploy rollback --var-file \(varFile) --to <sha> (see deploy history)"
        }
        return "to return to the tags that ran before, run: deploy rollback --var-file \(varFile)"
    }

    static func localUser(_ environment: [String: String]) -> String {
        if let user = environment["USER"] ?? environment["LOGNAME"], !user.isEmpty { return user }
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return "uid \(getuid())" }
        return String(cString: name)
    }
}
