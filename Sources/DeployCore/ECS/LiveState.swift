/// What ECS runs for one service, as far as `deploy` can tell.
enum LiveState: Equatable, Sendable {
    /// The service runs an image from its own repository with this tag.
    case tagged(String)
    /// The image is from the service's repository but pinned by digest or untagged.
    case untagged(image: String)
    /// No ECS service of that name (or it is inactive).
    case serviceMissing
    /// The service's task definition could not be described.
    case taskDefinitionMissing(String)
    /// No container of the task definition runs an image from the service's repository.
    case otherRepository([String])

    /// The live image's tag when it looks like a git SHA, the only tag a diff can start from.
    var commit: String? {
        if case .tagged(let tag) = self, Names.isShortSHA(tag) { return tag }
        return nil
    }

    var tag: String? {
        if case .tagged(let tag) = self { return tag }
        return nil
    }

    /// From a task definition's container images: the one whose repository is the service's.
    init(images: [String], repositoryURL: String) {
        guard
            let image = images.first(where: { $0.hasPrefix(repositoryURL + ":") || $0.hasPrefix(repositoryURL + "@") })
        else {
            self = .otherRepository(images)
            return
        }
        let rest = image.dropFirst(repositoryURL.count)
        self = rest.hasPrefix(":") ? .tagged(String(rest.dropFirst())) : .untagged(image: image)
    }
}
