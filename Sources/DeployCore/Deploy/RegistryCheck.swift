/// Which images are already in ECR, asked concurrently: a re-run after a failure rebuilds and pushes
/// only what is missing.
struct RegistryCheck: Sendable {
    let runner: any CommandRunner

    func present(_ images: [Release.Image]) async throws(DeployError) -> Set<String> {
        let found = try await concurrentMap(images, limit: 4) { [runner] (image) throws(DeployError) -> String? in
            let result = try await runner.run(.run(AWS.describeImage(repository: image.repositoryName, tag: image.tag)), capture: true) { _ in }
            return result.status.succeeded ? image.service : nil
        }
        return Set(found.compactMap { $0 })
    }
}
