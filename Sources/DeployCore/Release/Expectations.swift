/// What "the new code is serving" means for a release, resolved before anything runs: which ECS services
/// to watch for which image, and which URLs must answer 200 once they are steady.
struct Expectations: Equatable, Sendable {
    struct Rollout: Equatable, Sendable {
        var service: String
        /// The ECS service's name (terraform's `ecs_service_names`).
        var ecsName: String
        /// The image the apply points it at.
        var image: String
        /// `<api_base_url><prefix>/health`, and `/docs` when the var-file exposes the docs.
        var urls: [String]
        /// What the image's tag pointed at when this deploy pushed or found it; nil until the steps ran, or when
        /// the push said none. Its tasks must run that.
        var digest: String? = nil
        /// How long its rollout should take, from its settings; nil when they could not be read.
        var estimate: RolloutEstimate? = nil
    }

    var cluster: String
    var rollouts: [Rollout]
    /// How long the rollouts may take, in seconds.
    var timeout: Double
    /// False when terraform has no `api_base_url` output: the rollouts are still watched.
    var checksHealth: Bool
    /// `--fail-after`: this many failed tasks of a new revision fail its rollout at once (0: ECS decides).
    var failAfter = 3

    /// From the release's images and terraform's outputs. Nil with --no-verify or when nothing is applied.
    static func resolve(_ deployment: Deployment, images: [Release.Image], applies: Bool) throws(DeployError)
        -> Expectations?
    {
        guard deployment.options.verify, applies, !images.isEmpty else { return nil }
        let facts = deployment.facts
        let config = deployment.workspace.config
        guard let cluster = facts.clusterName else {
            throw .configuration(
                "terraform output 'ecs_cluster_name' is missing: deploy watches the rollout in that cluster; add the "
                    + "output, or pass --no-verify"
            )
        }
        let base = facts.apiBaseURL
        let rollouts = images.map { image in
            let prefix = base.map { $0 + config.apiPrefix(for: image.service) }
            let urls = prefix.map { [$0 + "/health"] + (deployment.exposesDocs ? [$0 + "/docs"] : []) } ?? []
            return Rollout(
                service: image.service, ecsName: facts.ecsName(for: image.service),
                image: image.reference, urls: urls)
        }
        return Expectations(
            cluster: cluster, rollouts: rollouts, timeout: deployment.options.waitTimeout, checksHealth: base != nil,
            failAfter: deployment.options.failAfter)
    }
}

extension Expectations {
    /// The checks as steps, for the live board and `--dry-run`: one rollout watch and one request per URL.
    /// What the dry run lists: one `describe-services` per ten services, as the watch asks, then the URLs.
    var commands: [Step] {
        AWS.describeBatches(rollouts.map(\.ecsName)).map {
            Step(.rollout, nil, .run(AWS.describeServices(cluster: cluster, services: $0)))
        }
            + rollouts.flatMap { rollout in rollout.urls.map { Step(.health, rollout.service, .run(Curl.status($0))) } }
    }

    var steps: [Step] {
        rollouts.map {
            Step(.rollout, $0.service, .run(AWS.describeServices(cluster: cluster, services: [$0.ecsName])))
        }
            + rollouts.flatMap { rollout in rollout.urls.map { Step(.health, rollout.service, .run(Curl.status($0))) } }
    }

    /// Where the request for URL `url` of rollout `position` is in `steps` (rollout `position` is at `position`).
    func healthStep(rollout position: Int, url: Int) -> Int {
        rollouts.count + rollouts.prefix(position).map(\.urls.count).reduce(0, +) + url
    }
}

extension Expectations {
    /// Each rollout with its estimate, from its service's settings.
    mutating func estimate(_ settings: [String: RolloutSettings]) {
        for index in rollouts.indices {
            rollouts[index].estimate = settings[rollouts[index].service].map(RolloutEstimate.init)
        }
    }

    /// The services roll together: the slowest one's estimate is the deploy's.
    var slowest: Rollout? {
        rollouts.filter { $0.estimate != nil }.max { ($0.estimate?.high ?? 0) < ($1.estimate?.high ?? 0) }
    }
}
