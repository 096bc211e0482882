/// Everything one deploy will do, resolved from the plan, the repository and terraform's outputs:
/// which images at which tag, which SPAs to which bucket, and how terraform applies.
public struct Release: Equatable, Sendable {
    public struct Image: Equatable, Sendable {
        public var service: String
        public var repositoryURL: String
        public var tag: String
        /// The registry's region, from its host (checked to be ECR's when the release is resolved).
        public var region: String
        /// Already in ECR (a re-run after a failure): neither built nor pushed again.
        public var inRegistry = false
        /// The repository's name inside the registry, such as `auth`.
        public var repositoryName: String { String(repositoryURL.drop { $0 != "/" }.dropFirst()) }
        public var reference: String { "\(repositoryURL):\(tag)" }
        /// The registry host that `docker login` needs, such as `123456789012.dkr.ecr.eu-west-1.amazonaws.com`.
        public var registry: String { String(repositoryURL.prefix { $0 != "/" }) }
    }

    public struct Site: Equatable, Sendable {
        public var spa: PlatformConfig.SPA
        public var bucket: String
        public var distributionID: String
        /// The bucket already holds this tag's build: nothing to build, upload or invalidate.
        public var upToDate = false
    }

    public struct Apply: Equatable, Sendable {
        public var directory: String
        public var varFile: String
        /// Per-service tags and `-target` addresses when only some services roll; empty for a full apply.
        public var imageTags: [String: String]
        public var targets: [String]
        public var autoApprove: Bool
        /// False when the output is not a terminal or NO_COLOR is set: terraform then prints no escape codes.
        public var color: Bool
    }

    /// The git short SHA of HEAD: every image's tag.
    public var tag: String
    public var dockerfile: String
    public var images: [Image]
    public var sites: [Site]
    /// nil with `--skip-tf`.
    public var apply: Apply?
    /// `--builder`: build (and push) on a remote BuildKit builder instead of the local engine.
    public var buildx: Buildx?
    /// After the apply: the rollouts to watch and the URLs to check (nil with --no-verify or --skip-tf).
    public var checks: Checks?

    public init(tag: String, dockerfile: String, images: [Image], sites: [Site], apply: Apply?) {
        self.tag = tag
        self.dockerfile = dockerfile
        self.images = images
        self.sites = sites
        self.apply = apply
    }
}
