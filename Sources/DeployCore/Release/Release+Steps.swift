extension Release {
    /// The local tag of the shared dependency layer.
    var dependencyImage: String { "platform-deps:\(tag)" }

    /// The deploy as ordered steps: build, log in, push, SPAs, invalidations, apply. Pure: no I/O.
    var steps: [Step] {
        imageSteps + siteSteps + imageCheckSteps + applySteps
    }

    /// Images already in ECR are neither built nor pushed: a re-run redoes only what is missing.
    var imagesToBuild: [Image] { images.filter { !$0.inRegistry } }

    private var imageSteps: [Step] {
        let missing = imagesToBuild
        guard !missing.isEmpty else { return [] }
        if let buildx { return remoteImageSteps(missing, buildx) }
        let deps = Step(
            .buildDependencies, nil, .run(Docker.buildDependencies(dockerfile: dockerfile, image: dependencyImage)))
        let builds = missing.map {
            Step(.build, $0.service, .run(Docker.buildService($0.service, dockerfile: dockerfile, image: $0.reference)))
        }
        let logins = Self.registries(of: missing).map {
            Step(.login, $0.host, .pipe(AWS.ecrLoginPassword(region: $0.region), into: Docker.login(registry: $0.host)))
        }
        let pushes = missing.map { Step(.push, $0.service, .run(Docker.push($0.reference))) }
        return [deps] + builds + logins + pushes
    }

    /// With a remote builder: log in first (the builder pushes with the operator's credentials), then
    /// build the dependency layer into the shared cache, then build and push each image in one step.
    private func remoteImageSteps(_ missing: [Image], _ buildx: Buildx) -> [Step] {
        let logins = Self.registries(of: missing).map {
            Step(.login, $0.host, .pipe(AWS.ecrLoginPassword(region: $0.region), into: Docker.login(registry: $0.host)))
        }
        let deps = Step(.buildDependencies, nil, .run(buildx.buildDependencies(dockerfile: dockerfile)))
        let builds = missing.map {
            Step(.build, $0.service, .run(buildx.buildAndPush($0.service, dockerfile: dockerfile, image: $0.reference)))
        }
        return logins + [deps] + builds
    }

    /// Nothing is applied unless every image it rolls to is in ECR, checked right before the apply.
    private var imageCheckSteps: [Step] {
        guard apply != nil else { return [] }
        return images.map {
            Step(.imageCheck, $0.service, .run(AWS.describeImage(repository: $0.repositoryName, tag: $0.tag)))
        }
    }

    private var siteSteps: [Step] {
        let stale = sites.filter { !$0.upToDate }
        return stale.map { Step(.buildSPA, $0.spa.name, .run(Pnpm.build($0.spa.name))) }
            + stale.map { Step(.upload, $0.spa.name, .run(AWS.syncToBucket(from: $0.spa.dist, bucket: $0.bucket))) }
            + stale.map {
                Step(
                    .invalidate, $0.spa.name, .run(AWS.invalidateAll(distribution: $0.distributionID)),
                    answer: .invalidation)
            }
            + stale.map {
                Step(.mark, $0.spa.name, .run(AWS.markBuild(bucket: $0.bucket, tag: tag)), answer: .marker(tag: tag))
            }
    }

    private var applySteps: [Step] {
        guard let apply else { return [] }
        let command = Terraform.apply(
            directory: apply.directory, varFile: apply.varFile, imageTag: tag,
            imageTags: apply.imageTags, targets: apply.targets, autoApprove: apply.autoApprove, color: apply.color,
            log: apply.log, timeout: apply.timeout)
        return [Step(.apply, nil, .run(command))]
    }

    /// Distinct registry hosts with their regions, in the order the images first name them: one login each.
    var registries: [(host: String, region: String)] { Self.registries(of: images) }

    static func registries(of images: [Image]) -> [(host: String, region: String)] {
        var seen = Set<String>()
        return images.filter { seen.insert($0.registry).inserted }.map { ($0.registry, $0.region) }
    }
}
