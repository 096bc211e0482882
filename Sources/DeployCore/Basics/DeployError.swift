/// Everything that can stop `deploy`, as values. Each message says what went wrong and what to do next;
/// `exitCode` is the one place where outcomes become exit codes.
enum DeployError: Error, Equatable, Sendable {
    /// Bad flags or bad input files: nothing ran.
    case usage(String)
    /// `deploy.json` or a terraform output is not what the platform contract says.
    case configuration(String)
    /// A tool the plan needs is not installed.
    case toolNotFound(String)
    /// A child could not be started at all.
    case launchFailed(command: String, reason: String)
    /// Ctrl-C handling could not be set up, so no child may start (it could not be stopped).
    case signalSetupFailed(String)
    /// A read-only query (git, terraform output, aws sts) failed before anything changed.
    case queryFailed(command: String, status: TerminationStatus, output: [String])
    /// A deploy step failed; later steps were not run.
    case stepFailed(FailedStep)
    /// The operator answered anything but `y`.
    case declined
    /// A question with no operator to answer it: standard input is not a terminal.
    case noOperator
    /// The deploy would do something dangerous the operator did not ask for (a rollback).
    case refused(String)
    /// Expectations before the confirmation failed: one line per problem; nothing was built.
    case preflight([String])
    /// Another deploy holds this workspace's lock.
    case locked(String)
    /// Someone took the shared lock over while this deploy ran.
    case lockLost(String)
    /// The deploy bucket (terraform output `deploy_bucket`) cannot be read or written.
    case bucketUnreachable(bucket: String, said: String)
    /// terraform apply did not end by itself (a signal, its timeout): part of the change may be applied.
    case applyStopped(ApplyStop)
    /// stdout could not be written: what was to be read there (a result, the JSON document) is lost.
    case outputFailed(String)
    /// SIGINT or SIGTERM arrived.
    case interrupted(signal: Int32)
    /// The apply went through but a rolled service is not serving: one line per service, then what to do.
    case verificationFailed([VerificationProblem], next: String)
    /// Steps that could never start, their order not met: a fault of deploy's own, said rather than passed over.
    case stuck([String])
    /// The AWS session ended (an expired token, such as a CI job's one-hour OIDC session) while `during` went on.
    case sessionExpired(during: String, said: String)
    /// `--rollback-on-failure`: the deploy failed, and its failed services were rolled back (`rollback` is how
    /// that ended: nil when it succeeded).
    indirect case rolledBackAfterFailure(DeployError, rolledBack: String, rollback: DeployError?)

    var exitCode: Int32 {
        switch self {
        case .usage, .configuration: return 2
        case .interrupted(let signal), .applyStopped(.interrupted(let signal)),
            .rolledBackAfterFailure(_, _, .some(.interrupted(let signal))):
            return 128 + signal
        default: return 1
        }
    }

    var message: String {
        switch self {
        case .usage(let text), .configuration(let text), .refused(let text), .locked(let text), .lockLost(let text):
            return text
        case .bucketUnreachable(let bucket, let said):
            return
                "the deploy bucket s3://\(bucket) cannot be reached (aws: \(said)): check that the profile may read "
                + "and "
                + "write deploy/* there (s3:GetObject, s3:PutObject, s3:DeleteObject, s3:ListBucket) and that "
                + "terraform "
                + "output 'deploy_bucket' names it"
        case .preflight(let problems):
            return "not deploying; nothing was built or changed:\n"
                + problems.map { "  - \($0)" }.joined(separator: "\n")
        case .toolNotFound(let tool):
            return "\(tool) not found on PATH: install it or add its folder to PATH"
        case .launchFailed(let command, let reason):
            return "could not start `\(command)`: \(reason)"
        case .signalSetupFailed(let reason):
            return
                "could not set up signal handling (\(reason)), so Ctrl-C could not stop children; nothing was started"
        case .queryFailed(let command, let status, let output):
            guard let endpoint = AWSComplaint.unreachable(output) else { return "`\(command)` \(status.phrase)" }
            return
                "`\(command)` \(status.phrase): the AWS endpoint \(endpoint) could not be reached; check the network, "
                + "a VPN or proxy, or the profile's endpoint_url"
        case .stepFailed(let step):
            return step.message
        case .applyStopped(let stop):
            return stop.message
        case .outputFailed(let reason):
            return "could not write the output to stdout (\(reason)): what the run printed there is lost"
        case .declined:
            return "not confirmed: nothing was built, pushed or applied"
        case .noOperator:
            return "not confirmed: standard input is not a terminal, so nobody can type y; nothing was built, pushed "
                + "or applied. To go on without the question, pass --yes (with --profile)"
        case .interrupted(let signal):
            return "interrupted by \(SignalName.of(signal)): no new step was started"
        case .stuck(let labels):
            return "deploy could not order its steps: \(labels.joined(separator: ", ")) could not start, so they did "
                + "not run (terraform was not applied unless apply ran). This is a fault in deploy: please report it"
        case .sessionExpired(let during, let said):
            return "the AWS session expired during \(during) (\(said)): that is not a failed rollout, ECS goes on "
                + "rolling without deploy watching it. Renew the credentials and run `deploy status` to see where it "
                + "stands; in GitHub Actions, give configure-aws-credentials a role-duration-seconds longer than the "
                + "deploy (the default is one hour)"
        case .verificationFailed(let problems, let next):
            return "terraform was applied, but the new code is not serving:\n"
                + problems.map { "  - \($0.text)" }.joined(separator: "\n") + "\n" + next
        case .rolledBackAfterFailure(let failure, let services, let rollback):
            return Self.afterRollback(failure.message, services, rollback?.message)
        }
    }

    /// The deploy's failure without its way back (taken already), then how the rollback ended.
    private static func afterRollback(_ failure: String, _ services: String, _ rollback: String?) -> String {
        let ended =
            rollback.map { "the rollback of \(services) failed too: \($0)" }
            ?? "rolled back \(services) (--rollback-on-failure): see its summary above"
        return failure.split(separator: "\n").prefix { !$0.hasPrefix("to return to") }.joined(separator: "\n") + "\n"
            + ended
    }

    /// The title of its annotation on a GitHub Actions run's page.
    var annotationTitle: String {
        switch self {
        case .usage, .configuration: return "deploy: bad input"
        case .interrupted, .applyStopped(.interrupted): return "deploy interrupted"
        case .sessionExpired: return "deploy: AWS session expired"
        default: return isRefusal ? "deploy refused" : "deploy failed"
        }
    }

    /// A refusal stops a deploy before it does what was asked, and is said once, as the error.
    var isRefusal: Bool {
        switch self {
        case .refused, .locked, .preflight, .declined, .noOperator: true
        default: false
        }
    }

    /// The message in one line: its first, and the first thing it lists when that ends in a colon.
    var headline: String {
        if case .rolledBackAfterFailure(let failure, let services, let rollback) = self {
            return failure.headline + "; "
                + (rollback.map { "the rollback of \(services) failed too: \($0.headline)" }
                    ?? "rolled back \(services)")
        }
        let lines = message.split(separator: "\n").map(String.init)
        guard let first = lines.first else { return "" }
        guard first.hasSuffix(":"), lines.count > 1 else { return first }
        return first + " " + lines[1].trimmingCharacters(in: .whitespaces).trimmingPrefix("- ")
    }

    /// The message without the diagnosis under each failed rollout, where that is kept apart (the history, JSON).
    var brief: String {
        switch self {
        case .verificationFailed(let problems, let next):
            return DeployError.verificationFailed(problems.map { VerificationProblem(line: $0.line) }, next: next)
                .message
        case .rolledBackAfterFailure(let failure, let services, let rollback):
            return Self.afterRollback(failure.brief, services, rollback?.brief)
        default: return message
        }
    }

    /// The last lines the failing child printed, for the failure summary.
    var output: [String] {
        switch self {
        case .queryFailed(_, _, let lines): return lines
        case .stepFailed(let step): return step.output
        default: return []
        }
    }
}

/// A deploy step that did not succeed: which one, how it ended, and the last lines it printed.
struct FailedStep: Equatable, Sendable {
    var phase: StepPhase
    /// The service, SPA or registry it was about; nil for the dependency layer and the apply.
    var subject: String?
    var status: TerminationStatus
    var output: [String]

    init(phase: StepPhase, subject: String?, status: TerminationStatus, output: [String] = []) {
        self.phase = phase
        self.subject = subject
        self.status = status
        self.output = output
    }

    var label: String { phase.label(subject) }

    /// What went wrong, and what the operator can do next.
    var message: String {
        switch phase {
        case .imageCheck:
            let service = subject ?? "?"
            if output.contains(where: { $0.contains("ImageNotFoundException") }) {
                return
                    "the image of \(service) is not in ECR, so terraform was not applied: run deploy again to push "
                    + "it (or --force-rebuild)"
            }
            return
                "could not check that the image of \(service) is in ECR (see its output), so terraform was not "
                + "applied: fix the cause and run deploy again"
        case .apply where output.contains(where: { $0.contains("Saved plan is stale") }):
            return "the plan went stale: terraform's state changed after it was made (another apply ran), so nothing "
                + "was applied. Run deploy again: the images are in ECR, so it only plans and applies"
        case .apply:
            return
                "terraform apply \(status.phrase): it may have applied part of the change; read its output above, "
                + "fix the cause and run deploy again"
        case .plan:
            return
                "terraform plan \(status.phrase): nothing is applied; read terraform's error lines, fix the cause and "
                + "run deploy again"
        case .task:
            let ended =
                output.contains { $0.contains("past its timeout") }
                ? "ran past its timeout and was stopped" : status.phrase
            return
                "the task before \(subject ?? "?")'s roll \(ended), so nothing was rolled and terraform was not "
                + "applied: read its output (the task's stop reason and last log lines), fix the cause and run deploy "
                + "again; the images are in ECR, so it only runs the task again, then applies"
        default:
            return "step '\(label)' \(status.phrase); later steps were not run and terraform was not applied"
        }
    }
}

/// How a terraform apply was stopped before it ended by itself.
enum ApplyStop: Equatable, Sendable {
    case interrupted(signal: Int32)
    /// It ran past `--apply-timeout` (seconds).
    case timedOut(seconds: Double)

    var message: String {
        let next =
            "it may have applied part of the change: see what runs now with deploy status, then run deploy again (the "
            + "images are in ECR, so it only applies)"
        switch self {
        case .interrupted(let signal):
            return "terraform apply was interrupted by \(SignalName.of(signal)): \(next)"
        case .timedOut(let seconds):
            return "terraform apply did not end within \(WaitTime.text(seconds)) (--apply-timeout) and was stopped: "
                + "\(next), with a longer --apply-timeout if it is only slow"
        }
    }
}
