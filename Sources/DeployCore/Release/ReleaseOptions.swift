/// What the operator asked of a release, as far as its steps depend on it: which services, whether the SPAs ship
/// and terraform applies, where images are built, and how the rollout is verified. A deploy, a rollback and the
/// rollback after a failure each make one from their own options.
struct ReleaseOptions: Equatable, Sendable {
    enum Mode: Equatable, Sendable {
        /// Every service (or the `--services` subset), with the SPAs unless skipped.
        case full
        /// Only the services whose code changed since the image that is live.
        case changed
        /// `deploy rollback`: re-point services to tags already in ECR; nothing is built.
        case rollback
        /// `deploy promote`: re-point services to the tags another environment runs, copied into this one's ECR by
        /// digest; nothing is built.
        case promote
    }

    var mode: Mode = .full
    /// `--services a,b`: only these services; nil means all of them.
    var services: [String]?
    var skipSPAs = false
    var skipTerraform = false
    /// `--builder NAME`: a remote BuildKit builder for `docker buildx build`.
    var builder: String?
    /// With `--yes` nobody reviews the plan first: it is made alongside the builds, as a step.
    var planAlongside = false
    /// `--apply-timeout`: how long terraform apply may run, in seconds.
    var applyTimeout: Double = 30 * 60
    /// After the apply, watch ECS until every rolled service is steady and check its health endpoints;
    /// `--no-verify` turns this off.
    var verify = true
    /// `--wait-timeout`: how long the rollout may take, in seconds.
    var waitTimeout: Double = 15 * 60
    /// `--fail-after`: a rollout fails once this many tasks of its new revision failed (0: when ECS says so).
    var failAfter = 3

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
        case .promote: return .promote
        case .full: return skipTerraform ? .imagesOnly : services == nil ? .full : .services
        }
    }
}
