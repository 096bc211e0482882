import Foundation

/// The rolled services' rollout settings, read alongside the deploy's other reads (after the live read, whose
/// answers it reuses), for the estimate shown before the question.
struct RolloutTiming: Sendable {
    let opened: Opened

    func settings(_ release: Release) async -> [String: RolloutSettings] {
        guard let expectations = release.expectations else { return [:] }
        let cache = opened.cache
        let names = Dictionary(uniqueKeysWithValues: expectations.rollouts.map { ($0.service, $0.ecsName) })
        let unread = Set(names.values).filter { cache.service(named: $0) == nil }.sorted()
        if !unread.isEmpty {
            let reader = ECSReader(runner: opened.runner, cache: cache)
            _ = await outcome { () async throws(DeployError) in
                try await reader.services(unread, cluster: expectations.cluster)
            }
        }
        let services = names.compactMapValues { cache.service(named: $0) }
        let (settings, notes) = await RolloutSettingsReader(runner: opened.runner, cache: cache).read(services)
        for note in notes { opened.reporter.note("deploy: the rollout estimate leaves out: \(note)") }
        return settings
    }
}
