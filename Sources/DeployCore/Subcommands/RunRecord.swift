import Foundation

/// Where one deploy that got past its `y` is recorded, and how: this clone's history file, and with a deploy
/// bucket the team's history object (written `started` when it begins, overwritten when it ends). It also leaves
/// the closing table, and with --output json the document, for the caller to write.
struct RunRecord: Sendable {
    let context: DeployContext
    let opened: Opened
    let deployment: Deployment
    /// Once the steps ran, with the digests they reported (`Release.knowing`).
    var release: Release
    /// Where this deploy's record goes in the shared history; nil without a deploy bucket.
    let key: String?

    init(context: DeployContext, opened: Opened, deployment: Deployment, release: Release) {
        self.context = context
        self.opened = opened
        self.deployment = deployment
        self.release = release
        key = deployment.bucket.map {
            $0.historyKey(started: deployment.started, sha: release.tag, nonce: DeployBucket.nonce())
        }
    }

    /// The shared history's record of a deploy that begins: `started`, overwritten when it ends.
    func start() async {
        let record = HistoryRecord(
            deployment: deployment, release: release, outcomes: [], verifications: [], error: nil,
            seconds: 0, user: context.user, run: context.ci, result: .started)
        await writeShared(record)
    }

    /// The closing table, the history (this clone's file, and the shared object) and (with --output json) the
    /// document, for the caller to write.
    func close(
        _ outcomes: [StepOutcome], _ verifications: [Verification], _ failure: DeployError?, plan: TerraformPlan?,
        stoppedIn: String? = nil, waited: Double = 0
    ) async -> DeployDocument? {
        let ran = Set(outcomes.map(\.step.label))
        let notRun = release.steps.filter { !ran.contains($0.label) }
        let seconds = max(0, Date().timeIntervalSince(deployment.started) - waited)
        context.reporter.result(
            "\n" + ClosingText.steps(outcomes, notRun: notRun, seconds: seconds, waited: waited)
                + (verifications.isEmpty ? "" : "\n" + ClosingText.verification(verifications)))
        let history = HistoryFile(gitDirectory: deployment.workspace.gitDirectory, workspace: deployment.workspaceName)
        var record = HistoryRecord(
            deployment: deployment, release: release, outcomes: outcomes, verifications: verifications,
            error: failure, seconds: seconds, user: context.user, run: context.ci)
        record.stoppedIn = stoppedIn
        do { try history.append(record) } catch { context.reporter.note("deploy: warning: \(error.message)") }
        await writeShared(record)
        // The apply ended under this deploy's watch: its log has been shown.
        if let log = release.apply?.log { try? FileManager.default.removeItem(atPath: log) }
        var document = DeployDocument(
            release: release, outcomes: outcomes, notRun: notRun, seconds: seconds, error: failure)
        document.verification = DeployDocument.checks(verifications)
        document.terraform = plan.map { TerraformPlanText.document($0) }
        document.history = history.url.path
        writeForCI(document, verifications, failure)
        return context.style.json ? document : nil
    }

    /// A shared history write that fails is a warning: the deploy itself is over or under way.
    private func writeShared(_ record: HistoryRecord) async {
        guard let key, let (store, place) = opened.objects else { return }
        let history = SharedHistory(store: store, place: place)
        if case .failure(let error) = await outcome({ () async throws(DeployError) in
            try await history.write(record, key: key)
        }) {
            context.reporter.note(
                "deploy: warning: could not record the deploy in s3://\(place.bucket)/\(key): \(error.message)")
        }
    }
}
