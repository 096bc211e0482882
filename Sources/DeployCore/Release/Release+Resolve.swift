extension Release {
    /// Deployment → release. Pure; every name that reaches an argv is checked here.
    init(resolving deployment: Deployment) throws(DeployError) {
        let options = deployment.options
        let config = deployment.workspace.config
        let facts = deployment.facts
        guard Names.isShortSHA(deployment.head) else {
            throw .configuration("'\(deployment.head)' is not a git short SHA; is HEAD a commit?")
        }
        let images = try deployment.services.map { (service) throws(DeployError) -> Image in
            try Self.image(service, deployment)
        }
        let sites = try (options.shipsSPAs ? config.spas : []).map { (spa) throws(DeployError) -> Site in
            Site(
                spa: spa, bucket: try facts.bucketName(for: spa.name),
                distributionID: try facts.distributionID(for: spa.name))
        }
        self.init(
            tag: deployment.head, dockerfile: config.dockerfile, images: images, sites: sites,
            apply: try Self.apply(deployment))
        targetTemplates = config.targets
        pinned = try deployment.pinnedTags.keys.sorted().map { (service) throws(DeployError) -> Image in
            var image = try Self.image(service, deployment)
            image.tag = deployment.pinnedTags[service] ?? image.tag
            image.inRegistry = true
            return image
        }
        buildx = options.builder.map { Buildx(builder: $0, cache: config.buildCache) }
        expectations = try Expectations.resolve(deployment, images: images, applies: apply != nil)
        tasks = try BeforeTask.resolve(deployment, images: images, applies: apply != nil)
    }

    /// One service's image: its repository (checked to be ECR's, the only registry the password goes to)
    /// and its tag (HEAD, or a rollback's).
    private static func image(_ service: String, _ deployment: Deployment) throws(DeployError) -> Image {
        let url = try deployment.facts.repositoryURL(for: service)
        guard let region = Names.ecrRegion(ofRegistry: String(url.prefix { $0 != "/" })) else {
            throw .configuration(
                "terraform output 'ecr_repository_urls[\"\(service)\"]' = '\(url)' is not an ECR repository URL "
                    + "(<12-digit account>.dkr.ecr.<region>.amazonaws.com/<name>): fix the output; deploy hands the "
                    + "registry password to ECR only"
            )
        }
        let tag = deployment.rollbackTags[service] ?? deployment.head
        return Image(
            service: service, repositoryURL: url, tag: tag, region: region,
            inRegistry: deployment.options.mode == .rollback)
    }

    private static func apply(_ deployment: Deployment) throws(DeployError) -> Apply? {
        let options = deployment.options
        guard !options.skipTerraform, let varFile = deployment.workspace.varFile?.path else { return nil }
        let partial = options.rollsSubset
        // Without addresses, `-target` cannot limit the apply: it would roll every service.
        if partial && deployment.workspace.config.targets.isEmpty {
            throw .configuration(
                "\(PlatformConfig.fileName): 'targets' is empty, so terraform apply could not be limited to "
                    + "\(deployment.services.joined(separator: ", ")) and would roll every service: list the terraform "
                    + "addresses of one service with {service} in them, or remove the key for the defaults")
        }
        let services = deployment.services
        let rolled = services.map { ($0, deployment.rollbackTags[$0] ?? deployment.head) }
        let gitDirectory = deployment.workspace.gitDirectory
        return Apply(
            directory: deployment.workspace.config.terraformDir,
            varFile: varFile,
            imageTags: partial ? deployment.pinnedTags.merging(rolled) { $1 } : [:],
            targets: partial ? services.flatMap(deployment.workspace.config.targets(for:)) : [],
            color: deployment.color,
            planFile: DeployFolder.planFile(workspace: deployment.workspaceName, checkout: gitDirectory).path,
            planAlongside: options.planAlongside,
            log: DeployFolder.applyLog(workspace: deployment.workspaceName, in: gitDirectory).path,
            timeout: options.applyTimeout)
    }
}

extension Release {
    /// Marks the images whose tag ECR already holds, with its digest there: they are neither built nor pushed again.
    mutating func markInRegistry(_ digests: [String: String]) {
        for index in images.indices {
            images[index].digest = digests[images[index].service]
            images[index].inRegistry = images[index].digest != nil
        }
    }

    /// The release once its steps ran: each image's digest as its push reported it, also in what the rollout
    /// check expects the tasks to run.
    func knowing(_ outcomes: [StepOutcome]) -> Release {
        var release = self
        for outcome in outcomes {
            guard let digest = outcome.digest,
                let index = images.firstIndex(where: { $0.service == outcome.step.subject })
            else { continue }
            release.images[index].digest = digest
        }
        let digests = Dictionary(release.images.map { ($0.service, $0.digest) }) { first, _ in first }
        if var expectations = release.expectations {
            for index in expectations.rollouts.indices {
                expectations.rollouts[index].digest = digests[expectations.rollouts[index].service] ?? nil
            }
            release.expectations = expectations
        }
        return release
    }

    /// Marks the SPAs whose bucket already holds this tag's build: skipped whole.
    mutating func markUpToDate(_ spas: Set<String>) {
        for index in sites.indices { sites[index].upToDate = spas.contains(sites[index].spa.name) }
    }
}
