import Foundation

/// Which images are already in ECR, and under which digest, asked concurrently: a re-run after a failure
/// rebuilds and pushes only what is missing.
struct RegistryReader: Sendable {
    let runner: any CommandRunner

    /// The images whose tag ECR holds, by service, with the digest the tag points at.
    func present(_ images: [Release.Image]) async throws(DeployError) -> [String: String] {
        let found = try await concurrentMap(images, limit: 4) {
            [runner] (image) throws(DeployError) -> (String, String)? in
            let digest = try await runner.answer(AWS.imageDigest(repository: image.repositoryName, tag: image.tag))
            return digest.flatMap { ImageDigest.isDigest($0) ? (image.service, $0) : nil }
        }
        return Dictionary(found.compactMap { $0 }) { first, _ in first }
    }

    /// The same, for a promote, where "not there" decides what is copied over what: a tag the registry does not
    /// hold is absent, and any other failure (access, expired credentials, a missing repository, throttling) is
    /// an error, never taken for absence. Each is asked in its registry's region.
    func digests(_ images: [Release.Image]) async throws(DeployError) -> [String: String] {
        let found = try await concurrentMap(images, limit: 4) {
            [runner] (image) throws(DeployError) -> (String, String)? in
            let region = Names.ecrRegion(ofRegistry: image.registry)
            let command = AWS.imageDigest(repository: image.repositoryName, tag: image.tag, region: region)
            let result = try await runner.capture(.run(command))
            if result.status.succeeded {
                let digest = String(decoding: result.stdout, as: UTF8.self).trimmingCharacters(
                    in: .whitespacesAndNewlines)
                return ImageDigest.isDigest(digest) ? (image.service, digest) : nil
            }
            if result.tail.contains(where: { $0.contains("ImageNotFoundException") }) { return nil }
            throw .queryFailed(command: command.rendered, status: result.status, output: result.tail)
        }
        return Dictionary(found.compactMap { $0 }) { first, _ in first }
    }
}

/// Which SPA buckets already hold this tag's build, by the marker the last successful upload left.
struct BuildMarkerReader: Sendable {
    let runner: any CommandRunner

    func upToDate(_ sites: [Release.Site], tag: String) async throws(DeployError) -> Set<String> {
        let found = try await concurrentMap(sites, limit: 4) { [runner] (site) throws(DeployError) -> String? in
            try await runner.answer(AWS.readBuildMarker(bucket: site.bucket)) == tag ? site.spa.name : nil
        }
        return Set(found.compactMap { $0 })
    }
}
