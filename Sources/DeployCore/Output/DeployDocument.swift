import Foundation

/// The closing summary of `--output json`: the plan, every step with its result and time, what did not
/// run, and the outcome, for chat-ops and CI.
struct DeployDocument: Encodable, Equatable, Sendable {
    struct Image: Encodable, Equatable, Sendable {
        var service: String
        var image: String
        /// True when this run built and pushed it: false when its tag was already in ECR, or its build or push failed.
        var built: Bool
        /// What the tag points at (`sha256:…`), as the push reported or ECR said; nil when not known.
        var digest: String?
    }

    struct StepRow: Encodable, Equatable, Sendable {
        var label: String
        var phase: String
        var subject: String?
        var result: StepResult
        var exitCode: Int32?
        var signal: Int32?
        var seconds: Double
        var startedAt: Double
        var attempts: Int
    }

    struct Check: Encodable, Equatable, Sendable {
        struct Answer: Encodable, Equatable, Sendable {
            var url: String
            var status: Int?
            var attempts: Int
        }
        var service: String
        var rollout: RolloutResult
        var steadySeconds: Double?
        /// Seconds from the end of the apply to the end of its watch, however it ended.
        var seconds: Double?
        var problem: String?
        var checks: [Answer]
        /// Why it failed or timed out: ECS's events, the stopped tasks, their last log lines.
        var diagnosis: RolloutDiagnosis?
        /// How long it was expected to take, and where its time went.
        var estimate: RolloutEstimate?
        var phases: [RolloutEstimate.Part]
    }

    var tag: String
    var result: DeployResult
    var error: String?
    var seconds: Double
    var images: [Image]
    var spas: [String]
    var rolls: [String]
    var steps: [StepRow]
    var notRun: [String]
    /// After the apply: each rolled service's rollout and health answers.
    var verification: [Check] = []
    /// Where this deploy was recorded.
    var history: String?
    /// With --dry-run: every command that would run, in order.
    var planned: [String]?
    /// What terraform's plan changes: counts by action, and each changed address with its action.
    var terraform: TerraformPlanText.Document?
    /// `--rollback-on-failure`: how the rollback of the failed services went.
    var rollback: Rollback?
    /// `deploy promote`: the environment the images came from (each one's digest is in `images`).
    var promotedFrom: String?

    /// A rollback that followed this deploy, in short.
    struct Rollback: Encodable, Equatable, Sendable {
        var result: DeployResult
        var error: String?
        var images: [Image]
        var steps: [StepRow]
        var verification: [Check]
        var history: String?

        init(_ summary: DeployDocument) {
            (result, error, images, steps) = (summary.result, summary.error, summary.images, summary.steps)
            (verification, history) = (summary.verification, summary.history)
        }
    }

    init(
        release: Release, outcomes: [StepOutcome], notRun: [Step], seconds: Double, error: DeployError?,
        result: DeployResult? = nil
    ) {
        tag = release.tag
        self.result = result ?? DeployResult(error)
        self.error = error?.brief
        self.seconds = Self.rounded(seconds)
        images = release.images.map {
            Image(
                service: $0.service, image: $0.reference, built: Self.pushed(outcomes, release).contains($0.service),
                digest: $0.digest)
        }
        spas = release.sites.map(\.spa.name)
        rolls = release.apply == nil ? [] : release.images.map(\.service)
        steps = outcomes.map { outcome in
            var exitCode: Int32?
            var signal: Int32?
            switch outcome.status {
            case .exited(let code): exitCode = code
            case .signaled(let number): signal = number
            }
            return StepRow(
                label: outcome.step.label, phase: outcome.step.phase.rawValue, subject: outcome.step.subject,
                result: outcome.result, exitCode: exitCode, signal: signal,
                seconds: Self.rounded(outcome.seconds), startedAt: Self.rounded(outcome.started),
                attempts: outcome.attempts)
        }
        self.notRun = notRun.map(\.label)
        promotedFrom = release.promotion?.from
    }

    static func checks(_ verifications: [Verification]) -> [Check] {
        verifications.map { verification in
            Check(
                service: verification.service, rollout: verification.rollout.result,
                steadySeconds: verification.steadySeconds.map(rounded),
                seconds: verification.rollout.seconds.map(rounded),
                problem: verification.problem,
                checks: verification.answers.map {
                    Check.Answer(url: $0.url, status: $0.status, attempts: $0.attempts)
                },
                diagnosis: verification.diagnosis, estimate: verification.estimate, phases: verification.phases
            )
        }
    }

    /// A run that stopped before any step ran (bad input, a refusal, a failed check, a declined prompt), or a
    /// subcommand that failed: with `--output json`, every exit writes one document.
    static func stopped(_ error: DeployError) -> String {
        struct Stopped: Encodable {
            var result: DeployResult
            var error: String
            var exitCode: Int32
        }
        return JSONText.document(
            Stopped(result: DeployResult(stoppedBy: error), error: error.message, exitCode: error.exitCode))
    }

    /// The services whose image this run built and pushed (a remote builder's build pushes).
    private static func pushed(_ outcomes: [StepOutcome], _ release: Release) -> Set<String> {
        let pushing: Set<StepPhase> = release.buildx == nil ? [.push] : [.build]
        return Set(
            outcomes.filter { $0.succeeded && pushing.contains($0.step.phase) }.compactMap(\.step.subject))
    }

    var json: String {
        JSONText.document(self)
    }

    private static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
