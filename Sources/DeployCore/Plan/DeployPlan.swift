import Foundation

/// What the operator asked for, parsed from the flags and checked for combinations that make no sense.
/// It says nothing yet about the platform: that comes from the repository and terraform (see `Release`).
public struct DeployPlan: Equatable, Sendable {
    enum Mode: Equatable, Sendable {
        /// Every service (or the `--services` subset), with the SPAs unless skipped.
        case full
        /// Only the services whose code changed since the image that is live.
        case changed
        /// `deploy rollback`: re-point services to tags already in ECR; nothing is built.
        case rollback
    }

    var mode: Mode = .full
    /// The tfvars for `terraform apply`, as typed; resolved later against the current and terraform folders.
    var varFile: String?
    /// `--services a,b`: only these services; nil means all of them.
    var services: [String]?
    var skipSPAs = false
    var skipTerraform = false
    /// The AWS profile from `--profile`, or from `AWS_PROFILE` when `--yes` skips the menu.
    var profile: String?
    var assumeYes = false
    var dryRun = false
    /// `-C DIR`: run as if started in DIR.
    var directory: String?
    /// How many builds and pushes run at once.
    var concurrency = Concurrency(jobs: max(2, ProcessInfo.processInfo.activeProcessorCount), pushJobs: 4)
    /// `--builder NAME`: a remote BuildKit builder for `docker buildx build`.
    var builder: String?
    /// `--workspace NAME`: the terraform workspace to expect instead of the var-file's base name.
    var workspace: String?
    var allowDirty = false
    var forceRebuild = false
    /// Refuse to build images with less free disk than this many GB.
    var minimumFreeGB = 8
    /// `--allow-rollback`: a deploy may roll HEAD over a live commit that is not in HEAD's history.
    var allowRollback = false
    /// `--allow-redeploy`: a deploy may ship again a commit that was rolled back.
    var allowRedeploy = false
    /// `--allow-destroy`: the plan may destroy or replace more than the services' task definitions.
    var allowDestroy = false
    /// `--verbose`: every changed path, not only the first few.
    public var verbose = false
    /// `--output json`: the summary (or status) as one JSON document on stdout.
    public var json = false
    /// `--quiet`: only the summary, questions and errors.
    public var quiet = false
    /// After the apply, watch ECS until every rolled service is steady and check its health endpoints;
    /// `--no-verify` turns this off.
    var verify = true
    /// `--wait-timeout`: how long the rollout may take, in seconds.
    var waitTimeout: Double = 15 * 60
    /// `--fail-after`: a rollout fails once this many tasks of its new revision failed (0: when ECS says so).
    var failAfter = 3
    /// `--rollback-on-failure`: when the verification fails, the failed services go back to their earlier tags.
    var rollbackOnFailure = false
    /// `--apply-timeout`: how long terraform apply may run, in seconds.
    var applyTimeout: Double = 30 * 60
    /// `deploy rollback --to <sha>`: the tag to return to, instead of the one recorded before the last deploy.
    var rollbackTo: String?
    /// `deploy history --limit N`.
    var historyLimit = 20
    /// `deploy history --show N`: the Nth most recent deploy in full (1 is the last).
    var historyShow: Int?

    init() {}

    /// SPAs ship with a full deploy only: not with --skip-spas, and not when the deploy is limited to some
    /// backend services (--services, --changed), so an image-only push touches nothing live.
    var shipsSPAs: Bool { !skipSPAs && mode == .full && services == nil }

    /// True when terraform will roll only some services, so the apply needs per-service tags and targets.
    var rollsSubset: Bool { mode != .full || services != nil }

    /// What kind of deploy this is, as the history names it.
    var kind: DeployKind {
        switch mode {
        case .changed: return .changed
        case .rollback: return .rollback
        case .full: return skipTerraform ? .imagesOnly : services == nil ? .full : .services
        }
    }
}
