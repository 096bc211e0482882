extension Release {
    /// The local tag of the shared dependency layer.
    var dependencyImage: String { "platform-deps:\(tag)" }

    /// The deploy as ordered steps: (with --yes, the plan alongside) build, log in, push, the checks of tags this
    /// run does not push, the tasks before the roll, SPAs, invalidations, apply. Pure: no I/O.
    var steps: [Step] {
        // In the order one at a time runs them (`--jobs 1`): each step after every step it waits for.
        planSteps + imageSteps + imageCheckSteps + taskSteps + siteSteps + applySteps
    }

    /// `terraform plan` with exactly the variables and targets of the apply, into the plan file.
    var planCommand: Command? {
        apply.map { apply in
            Terraform.plan(
                directory: apply.directory, varFile: apply.varFile, imageTag: tag, imageTags: apply.imageTags,
                targets: apply.targets, out: apply.planFile, color: apply.color)
        }
    }

    /// The plan as a step: its stdout (the plan in words) is kept, the summary says what it holds.
    var planStep: Step? { planCommand.map { Step(.plan, nil, .run($0), answer: .plan) } }

    /// Every step of a deploy in order, the plan first: made before the `y`, or (with --yes) with the builds.
    var stepsWithPlan: [Step] {
        apply?.planAlongside == false ? (planStep.map { [$0] } ?? []) + steps : steps
    }

    private var planSteps: [Step] {
        guard let apply, apply.planAlongside, let planStep else { return [] }
        return [planStep]
    }

    /// Images already in ECR are neither built (copied, by a promote) nor pushed: a re-run redoes only what is
    /// missing.
    var imagesToShip: [Image] { images.filter { !$0.inRegistry } }

    /// What the local engine builds: nothing for a promote, which copies registry to registry.
    var imagesToBuild: [Image] { promotion == nil ? imagesToShip : [] }

    private var imageSteps: [Step] {
        let missing = imagesToShip
        guard !missing.isEmpty else { return [] }
        if let promotion { return copySteps(missing, promotion) }
        if let buildx { return remoteImageSteps(missing, buildx) }
        let deps = Step(
            .buildDependencies, nil,
            .run(docker(Docker.buildDependencies(dockerfile: dockerfile, image: dependencyImage))))
        let builds = missing.map {
            Step(
                .build, $0.service,
                .run(docker(Docker.buildService($0.service, dockerfile: dockerfile, image: $0.reference))))
        }
        let pushes = missing.map { Step(.push, $0.service, .run(docker(Docker.push($0.reference)))) }
        return [deps] + builds + logins(missing) + pushes
    }

    /// With a remote builder: log in first (the builder pushes with the operator's credentials), then
    /// build the dependency layer into the shared cache, then build and push each image in one step.
    private func remoteImageSteps(_ missing: [Image], _ buildx: Buildx) -> [Step] {
        let deps = Step(.buildDependencies, nil, .run(docker(buildx.buildDependencies(dockerfile: dockerfile))))
        let builds = missing.map {
            Step(
                .build, $0.service,
                .run(docker(buildx.buildAndPush($0.service, dockerfile: dockerfile, image: $0.reference))))
        }
        return logins(missing) + [deps] + builds
    }

    /// One login per registry the missing images are in.
    private func logins(_ missing: [Image]) -> [Step] {
        Self.registries(of: missing).map {
            var login = docker(Docker.login(registry: $0.host))
            login.unsaid = dockerConfig.map(DockerConfig.unsaid) ?? []
            return Step(.login, $0.host, .pipe(AWS.ecrLoginPassword(region: $0.region), into: login))
        }
    }

    /// A docker command with this run's own configuration, when it has one.
    private func docker(_ command: Command) -> Command {
        var command = command
        if let dockerConfig { command.environment["DOCKER_CONFIG"] = dockerConfig }
        return command
    }

    /// Nothing is applied unless every image it references is in ECR: an image this run pushed is (the
    /// registry accepted it), one it found there it did not build; the tags of the services that do not roll
    /// (pinned) are looked up while the builds run.
    private var imageCheckSteps: [Step] {
        guard let apply, !apply.nothingToApply else { return [] }
        return pinned.map {
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

    /// Each task before a roll, as the `run-task` it comes to (its task definition is registered, and deregistered,
    /// around it).
    private var taskSteps: [Step] {
        guard let apply, !apply.nothingToApply else { return [] }
        return tasks.map {
            let run = AWS.runTask(
                cluster: $0.cluster, taskDefinition: "\($0.ecsName)-deploy-task", container: "<the image's>",
                command: $0.command, launch: ["<as the service launches>"], startedBy: "deploy-\(tag)")
            return Step(.task, $0.service, .run(run))
        }
    }

    private var applySteps: [Step] {
        guard let apply, !apply.nothingToApply else { return [] }
        let command = Terraform.applyPlan(
            directory: apply.directory, planFile: apply.planFile, color: apply.color, log: apply.log,
            timeout: apply.timeout)
        return [Step(.apply, nil, .run(command))]
    }

    /// Distinct registry hosts with their regions, in the order the images first name them: one login each.
    var registries: [(host: String, region: String)] { Self.registries(of: images) }

    static func registries(of images: [Image]) -> [(host: String, region: String)] {
        var seen = Set<String>()
        return images.filter { seen.insert($0.registry).inserted }.map { ($0.registry, $0.region) }
    }
}
