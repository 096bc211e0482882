/// Which images are already in ECR, asked concurrently: a re-run after a failure rebuilds and pushes
/// only what is missing.
struct RegistryReader: Sendable {
    let runner: any CommandRunner

    func present(_ images: [Release.Image]) async throws(DeployError) -> Set<String> {
        let found = try await concurrentMap(images, limit: 4) { [runner] (image) throws(DeployError) -> String? in
            try await runner.answer(AWS.describeImage(repository: image.repositoryName, tag: image.tag)) == nil
                ? nil : image.service
        }
        return Set(found.compactMap { $0 })
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
