import Foundation

/// `deploy promote`: where the images come from (another environment, its registry read with its own profile), and
/// each one's digest there, which the target's registry must hold under the same tag before anything rolls.
struct Promotion: Equatable, Sendable {
    struct Image: Equatable, Sendable {
        var service: String
        var tag: String
        /// The source environment's repository: `<registry>/<name>`.
        var sourceRepositoryURL: String
        /// The source registry's region (from its host).
        var sourceRegion: String
        var digest: String

        var sourceReference: String { "\(sourceRepositoryURL):\(tag)" }
        var sourceRegistry: String { String(sourceRepositoryURL.prefix { $0 != "/" }) }
    }

    /// The source environment: its terraform workspace.
    var from: String
    /// The AWS profile its registry is read with; nil: the target's credentials.
    var profile: String?
    var images: [Image]

    func image(_ service: String) -> Image? { images.first { $0.service == service } }
}

extension Release {
    /// The images at the source's digests; those the target's registry holds already (`present`: service → digest)
    /// are not copied again.
    mutating func promote(_ promotion: Promotion, present: [String: String]) {
        self.promotion = promotion
        for index in images.indices {
            guard let image = promotion.image(images[index].service) else { continue }
            images[index].digest = image.digest
            images[index].inRegistry = present[image.service] == image.digest
        }
        self = knowing([])
    }

    /// A promote's image steps: a login to each registry (the source's with its profile, into an authentication
    /// file of the run's own), then each image the target lacks copied registry to registry; its digest is checked
    /// once it is there (`imageCheck`, reviewed against the source's).
    func copySteps(_ missing: [Image], _ promotion: Promotion) -> [Step] {
        let folder = dockerConfig ?? "<private>"
        let (sourceAuth, targetAuth) = (folder + "/source-auth.json", folder + "/target-auth.json")
        let copied = missing.compactMap { image in promotion.image(image.service).map { (image, $0) } }
        var seen = Set<String>()
        let sources = copied.map(\.1).filter { seen.insert($0.sourceRegistry).inserted }
        let sourceLogins = sources.map { source in
            var password = AWS.ecrLoginPassword(region: source.sourceRegion)
            if let profile = promotion.profile { password.environment["AWS_PROFILE"] = profile }
            return Step(
                .login, "\(source.sourceRegistry) (\(promotion.from))",
                .pipe(password, into: Skopeo.login(registry: source.sourceRegistry, authfile: sourceAuth)))
        }
        let targetLogins = Self.registries(of: missing).map {
            Step(
                .login, $0.host,
                .pipe(
                    AWS.ecrLoginPassword(region: $0.region), into: Skopeo.login(registry: $0.host, authfile: targetAuth)
                )
            )
        }
        let copies = copied.map { image, source in
            Step(
                .copy, image.service,
                .run(
                    Skopeo.copy(
                        source.sourceReference, to: image.reference, sourceAuth: sourceAuth, targetAuth: targetAuth)))
        }
        let checks = copied.map { image, _ in
            Step(
                .imageCheck, image.service, .run(AWS.imageDigest(repository: image.repositoryName, tag: image.tag)),
                answer: .digest)
        }
        return sourceLogins + targetLogins + copies + checks
    }

    /// Why a promoted image's check stops the promote: the target's registry holds another digest under its tag.
    func promotedDigestRefusal(_ step: Step, answered: String) -> DeployError? {
        guard step.answer == .digest, let promotion, let service = step.subject,
            let expected = promotion.image(service)?.digest
        else { return nil }
        let held = answered.trimmingCharacters(in: .whitespacesAndNewlines)
        guard held != expected else { return nil }
        let tag = promotion.image(service)?.tag ?? tag
        return .refused(
            "\(service): the registry holds \(service):\(tag) as \(held.isEmpty ? "nothing" : held) after the copy, "
                + "not \(expected) as \(promotion.from) runs it (the copy changed the manifest, or the tag was pushed "
                + "over meanwhile); nothing was applied")
    }
}
