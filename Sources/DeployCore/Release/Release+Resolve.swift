extension Release {
    /// The facts a release is resolved from, gathered by read-only calls before anything changes.
    struct Inputs: Equatable, Sendable {
        var plan: DeployPlan
        var config: PlatformConfig
        /// Every deployable service found in the repository.
        var services: [String]
        var facts: EnvironmentFacts
        var tag: String
        /// The var-file as an absolute path (terraform runs with `-chdir`).
        var varFile: String?
        /// Whether children may print colour (the operator's terminal, no NO_COLOR).
        var color: Bool
        /// With `--changed`: the live tags of the services that do not roll, so terraform's image map
        /// names what each service runs now rather than a tag that was never pushed.
        var keepTags: [String: String] = [:]
        /// The var-file sets `expose_api_docs = true`: each service's `/docs` must answer too.
        var exposesDocs = false
        /// `deploy rollback`: the tag each service returns to, instead of `tag`; such images are in ECR already.
        var rollbackTags: [String: String] = [:]

        init(plan: DeployPlan, config: PlatformConfig, services: [String], facts: EnvironmentFacts, tag: String,
                    varFile: String?, color: Bool = false) {
            self.plan = plan
            self.config = config
            self.services = services
            self.facts = facts
            self.tag = tag
            self.varFile = varFile
            self.color = color
        }
    }

    /// Plan + platform facts → release. Pure; every name that reaches an argv is checked here.
    init(resolving inputs: Inputs) throws(DeployError) {
        let plan = inputs.plan
        guard Names.isShortSHA(inputs.tag) else {
            throw .configuration("'\(inputs.tag)' is not a git short SHA; is HEAD a commit?")
        }
        let selected = try Self.select(plan.services, from: inputs.services, independent: inputs.config.independent)
        let images = try selected.map { (service) throws(DeployError) -> Image in
            let url = try inputs.facts.repositoryURL(for: service)
            guard let region = Names.ecrRegion(ofRegistry: String(url.prefix { $0 != "/" })) else {
                throw .configuration("terraform output 'ecr_repository_urls[\"\(service)\"]' = '\(url)' is not an ECR repository URL (<12-digit account>.dkr.ecr.<region>.amazonaws.com/<name>): fix the output; deploy hands the registry password to ECR only")
            }
            let tag = inputs.rollbackTags[service] ?? inputs.tag
            return Image(service: service, repositoryURL: url, tag: tag, region: region, inRegistry: plan.mode == .rollback)
        }
        let sites = try (plan.shipsSPAs ? inputs.config.spas : []).map { (spa) throws(DeployError) -> Site in
            Site(spa: spa, bucket: try inputs.facts.bucketName(for: spa.name), distributionID: try inputs.facts.distributionID(for: spa.name))
        }
        self.init(tag: inputs.tag, dockerfile: inputs.config.dockerfile, images: images, sites: sites,
                  apply: Self.apply(inputs, rolling: selected))
        buildx = plan.builder.map { Buildx(builder: $0, cache: inputs.config.buildCache) }
        checks = try Checks.resolve(inputs, images: images, applies: apply != nil)
    }

    static func select(_ requested: [String]?, from known: [String], independent: [String] = []) throws(DeployError) -> [String] {
        guard let requested else { return known }
        if let name = requested.first(where: independent.contains) {
            throw .usage("'\(name)' deploys on its own (it is listed as independent) and is never built or rolled by deploy")
        }
        for name in requested where !known.contains(name) {
            let hint = Suggestion.closest(to: name, among: known).map { " Did you mean '\($0)'?" } ?? ""
            throw .usage("unknown service '\(name)' in --services.\(hint) Known: \(known.joined(separator: ", "))")
        }
        return requested
    }

    private static func apply(_ inputs: Inputs, rolling services: [String]) -> Apply? {
        guard !inputs.plan.skipTerraform, let varFile = inputs.varFile else { return nil }
        let partial = inputs.plan.rollsSubset
        return Apply(
            directory: inputs.config.terraformDir,
            varFile: varFile,
            imageTags: partial ? inputs.keepTags.merging(services.map { ($0, inputs.rollbackTags[$0] ?? inputs.tag) }) { $1 } : [:],
            targets: partial ? services.flatMap(inputs.config.targets(for:)) : [],
            autoApprove: inputs.plan.assumeYes,
            color: inputs.color)
    }
}

extension Release.Inputs {
    /// With `--changed`: deploy only the services marked DEPLOY, and pin the others to the tag they run.
    /// A rollback (live commit ahead of HEAD) is refused unless allowed.
    mutating func limit(to changes: [ServiceChange], allowRollback: Bool) throws(DeployError) {
        let deploying = changes.filter { $0.action == .deploy }
        if !allowRollback, let back = deploying.first(where: \.rollsBack) {
            throw .refused("\(back.service): \(back.reason). Check out the newer commit, or pass --allow-rollback to deploy HEAD anyway")
        }
        plan.services = deploying.map(\.service)
        keepTags = Dictionary(uniqueKeysWithValues: changes.filter { $0.action == .skip }.compactMap { change in
            change.liveTag.map { (change.service, $0) }
        })
    }
}

extension Release {
    /// Marks the images whose tag ECR already holds: they are neither built nor pushed again.
    mutating func markInRegistry(_ services: Set<String>) {
        for index in images.indices { images[index].inRegistry = services.contains(images[index].service) }
    }

    /// Marks the SPAs whose bucket already holds this tag's build: skipped whole.
    mutating func markUpToDate(_ spas: Set<String>) {
        for index in sites.indices { sites[index].upToDate = spas.contains(sites[index].spa.name) }
    }
}
