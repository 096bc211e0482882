/// What `deploy promote` may copy and roll: each service at the tag the source environment runs, when the source
/// runs it steady, its registry holds it, and its history records a verified deploy of it; never over a tag the
/// target's registry holds as another image, nor (without --allow-rollback) over a commit the promoted one does not
/// contain. Every problem is named at once, before anything changes. Pure.
enum PromotionGuard {
    /// What was read of the source environment.
    struct Source: Sendable {
        var name: String
        var profile: String?
        var live: [String: LiveState]
        /// Service → why its ECS service is not steady; absent when it is.
        var unsteady: [String: String] = [:]
        /// Service → the digest its registry holds under the tag it runs.
        var digests: [String: String] = [:]
        var repositories: [String: String] = [:]
        /// Oldest first.
        var history: [HistoryRecord] = []
    }

    /// What was read of the target.
    struct Target: Sendable {
        var name: String
        var live: [String: LiveState]
        /// Service → the digest the target's registry holds under the source's tag, where it holds it.
        var digests: [String: String] = [:]
        /// Service → where its live commit stands against the promoted one.
        var relations: [String: CommitRelation] = [:]
        /// Promoted tags that name no commit of this clone: where the live ones stand cannot be told.
        var unknownTags: Set<String> = []
        /// Service → its repository's name here, for the command a refusal gives.
        var repositories: [String: String] = [:]
    }

    /// The tags to roll (those the target does not run yet) and the promotion, or every reason it is refused.
    static func resolve(_ services: [String], source: Source, target: Target, allowRollback: Bool)
        -> Result<(tags: [String: String], promotion: Promotion), DeployError>
    {
        var problems: [String] = []
        var images: [Promotion.Image] = []
        var tags: [String: String] = [:]
        for service in services {
            switch image(service, source: source, target: target, allowRollback: allowRollback) {
            case .failure(let why): problems.append("\(service): \(why.text)")
            case .success(let image):
                images.append(image)
                if target.live[service]?.tag != image.tag || target.digests[service] == nil {
                    tags[service] = image.tag
                }
            }
        }
        if !problems.isEmpty {
            return .failure(
                .refused("not promoting from \(source.name) to \(target.name): " + problems.joined(separator: "; ")))
        }
        return .success((tags, Promotion(from: source.name, profile: source.profile, images: images)))
    }

    private struct Why: Error { var text: String }

    private static func image(_ service: String, source: Source, target: Target, allowRollback: Bool)
        -> Result<Promotion.Image, Why>
    {
        guard let tag = source.live[service]?.commit else {
            return .failure(
                Why(text: "\(source.name) runs no image of it tagged with a commit (\(describe(source.live[service])))")
            )
        }
        if case .serviceMissing = target.live[service] ?? .serviceMissing {
            return .failure(Why(text: "\(target.name) has no ECS service of it"))
        }
        if let why = source.unsteady[service] { return .failure(Why(text: "\(source.name) is not steady (\(why))")) }
        guard let digest = source.digests[service], let repository = source.repositories[service],
            let region = Names.ecrRegion(ofRegistry: String(repository.prefix { $0 != "/" }))
        else {
            return .failure(Why(text: "\(source.name)'s registry has no \(service):\(tag)"))
        }
        if let why = unverified(service, tag, digest, source) ?? refusal(service, tag, digest, source.name, target) {
            return .failure(Why(text: why))
        }
        if !allowRollback, let why = rollsBack(service, to: tag, target) { return .failure(Why(text: why)) }
        return .success(
            Promotion.Image(
                service: service, tag: tag, sourceRepositoryURL: repository, sourceRegion: region, digest: digest))
    }

    /// Why the target's registry cannot take the image: it holds the tag as another one.
    private static func refusal(_ service: String, _ tag: String, _ digest: String, _ from: String, _ target: Target)
        -> String?
    {
        guard let held = target.digests[service], held != digest else { return nil }
        let repository = target.repositories[service] ?? service
        return
            "\(target.name)'s registry holds \(service):\(tag) as \(held), not \(digest) as \(from) runs it (the tag "
            + "was pushed over): once nothing in \(target.name) runs it, remove it there (aws ecr batch-delete-image "
            + "--repository-name \(repository) --image-ids imageTag=\(tag)) and promote again"
    }

    /// Why the source's history does not vouch for this tag: its newest record that rolled it (an apply with no
    /// change to it vouches for nothing) must be a verified deploy of the digest its registry holds now.
    private static func unverified(_ service: String, _ tag: String, _ digest: String, _ source: Source) -> String? {
        let rolled = source.history.reversed().lazy.compactMap { record in
            record.applied
                ? record.services.first { $0.service == service && $0.tag == tag && $0.rollout != .unchanged }
                    .map { (record, $0) } : nil
        }
        guard let (record, entry) = rolled.first else {
            return "no deploy of \(tag) to \(source.name) is recorded in its history: deploy it there first"
        }
        guard record.result == .deployed, entry.rollout == .steady else {
            let how = entry.rollout.map { ", its rollout \($0.rawValue)" } ?? " unverified (--no-verify)"
            return "\(source.name)'s last deploy of \(tag) (\(record.time)) ended \(record.result.rawValue)\(how): "
                + "deploy it there again, verified"
        }
        if let verified = entry.digest, verified != digest {
            return
                "\(source.name)'s registry holds \(service):\(tag) as \(digest), not \(verified) as its verified "
                + "deploy (\(record.time)) ran it: the tag was pushed over there since"
        }
        return nil
    }

    /// Why rolling the service to `tag` would take the target back: `tag` does not contain the commit it runs, or
    /// this clone does not know `tag`, so that cannot be told.
    private static func rollsBack(_ service: String, to tag: String, _ target: Target) -> String? {
        guard let live = target.live[service]?.tag, live != tag else { return nil }
        if target.unknownTags.contains(tag), Names.isShortSHA(live) {
            return "\(tag) is not a commit of this clone, so whether it contains \(live) cannot be told: git fetch, or "
                + "pass --allow-rollback"
        }
        switch target.relations[service] {
        case .same, .behind, nil: return nil
        case .ahead(let commits):
            return
                "it runs \(live), \(commits) commit(s) ahead of \(tag): pass --allow-rollback to promote the older one"
        case .diverged:
            return
                "it runs \(live), which \(tag) does not contain (another branch): pass --allow-rollback to promote it"
        case .unknownCommit:
            return "it runs \(live), which this clone does not know: fetch it, or pass --allow-rollback"
        }
    }

    private static func describe(_ live: LiveState?) -> String {
        switch live {
        case .tagged(let tag): return "it runs \(tag)"
        case .untagged(let image): return "it runs \(image)"
        case .serviceMissing, nil: return "no ECS service"
        case .taskDefinitionMissing(let arn): return "its task definition \(arn) could not be read"
        case .otherRepository(let images): return "it runs \(images.joined(separator: ", "))"
        }
    }
}
