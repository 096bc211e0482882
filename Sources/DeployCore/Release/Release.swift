/// Everything one deploy will do, resolved from the plan, the repository and terraform's outputs:
/// which images at which tag, which SPAs to which bucket, and how terraform applies.
struct Release: Equatable, Sendable {
    struct Image: Equatable, Sendable {
        var service: String
        var repositoryURL: String
        var tag: String
        /// The registry's region, from its host (checked to be ECR's when the release is resolved).
        var region: String
        /// Already in ECR (a re-run after a failure): neither built nor pushed again.
        var inRegistry = false
        /// What the tag points at: as ECR said before the run (an image already there), or as the push reported.
        var digest: String? = nil
        /// The repository's name inside the registry, such as `auth`.
        var repositoryName: String { Names.repositoryName(of: repositoryURL) }
        var reference: String { "\(repositoryURL):\(tag)" }
        /// The registry host that `docker login` needs, such as `123456789012.dkr.ecr.eu-west-1.amazonaws.com`.
        var registry: String { String(repositoryURL.prefix { $0 != "/" }) }
    }

    struct Site: Equatable, Sendable {
        var spa: PlatformConfig.SPA
        var bucket: String
        var distributionID: String
        /// The bucket already holds this tag's build: nothing to build, upload or invalidate.
        var upToDate = false
    }

    struct Apply: Equatable, Sendable {
        var directory: String
        var varFile: String
        /// Per-service tags and `-target` addresses when only some services roll; empty for a full apply.
        var imageTags: [String: String]
        var targets: [String]
        /// False when the output is not a terminal or NO_COLOR is set: terraform then prints no escape codes.
        var color: Bool
        /// Where `terraform plan -out` writes the plan the apply applies (it may hold secrets: 0600, and
        /// removed when the deploy ends).
        var planFile: String
        /// With `--yes` nobody reviews the plan first: it runs alongside the builds, as a step.
        var planAlongside: Bool
        /// The plan was made and has no changes: no apply, no rollout to watch.
        var nothingToApply = false
        /// Where the apply writes its output (deploy follows it): a file that outlives deploy, so an apply
        /// whose deploy was killed still finishes and releases terraform's state lock.
        var log: String? = nil
        /// How long it may run (`--apply-timeout`).
        var timeout: Double? = nil
    }

    /// The git short SHA of HEAD: every image's tag.
    var tag: String
    var dockerfile: String
    var images: [Image]
    var sites: [Site]
    /// nil with `--skip-tf`.
    var apply: Apply?
    /// The services that do not roll, at the tag terraform keeps them on (`--changed`, a rollback): looked up
    /// in ECR before the apply, as the images this run pushes or finds there need not be.
    var pinned: [Image] = []
    /// The `targets` templates (`{service}` in them): which of the plan's resources are the services'.
    var targetTemplates: [String] = []
    /// `--builder`: build (and push) on a remote BuildKit builder instead of the local engine.
    var buildx: Buildx?
    /// After the apply: the rollouts to watch and the URLs to check (nil with --no-verify or --skip-tf).
    var expectations: Expectations?
    /// The tasks that run once before their service rolls (deploy.json `tasks`), in the services' order.
    var tasks: [BeforeTask] = []
    /// The docker CLI's configuration this run's docker commands use (`DockerConfig`): its own, so the registry's
    /// login stays out of the operator's; nil: the operator's (a dry run, which runs no docker command).
    var dockerConfig: String?
    /// `deploy promote`: the other environment the images are copied from, by digest.
    var promotion: Promotion?

    init(tag: String, dockerfile: String, images: [Image], sites: [Site], apply: Apply?) {
        self.tag = tag
        self.dockerfile = dockerfile
        self.images = images
        self.sites = sites
        self.apply = apply
    }
}
