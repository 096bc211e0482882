import Foundation

/// The secrets of the task definitions a release's services run now, read alongside the deploy's other reads
/// (their task definitions are described once and cached), and checked to exist (`SecretCheck`) before anything
/// is built: the new revisions terraform registers keep them, unless its plan says otherwise (checked with the
/// plan).
struct SecretReading: Sendable {
    let opened: Opened

    /// nil when nothing rolls, or the cluster is not named.
    func findings(_ release: Release) async -> SecretCheck.Findings? {
        guard release.apply != nil, let cluster = opened.target.facts.clusterName, !release.images.isEmpty else {
            return nil
        }
        let (reader, cache) = (ECSReader(runner: opened.runner, cache: opened.cache), opened.cache)
        let names = Dictionary(
            uniqueKeysWithValues: release.images.map { ($0.service, opened.target.facts.ecsName(for: $0.service)) })
        // What the deploy's live read found is not read again.
        let unread = Set(names.values).filter { cache.taskDefinition(ofService: $0) == nil }.sorted()
        if !unread.isEmpty {
            guard
                case .success = await outcome({ () async throws(DeployError) in
                    try await reader.services(unread, cluster: cluster)
                })
            else { return nil }
        }
        let definitions = names.compactMapValues { cache.taskDefinition(ofService: $0) }
        _ = await reader.learn(Set(definitions.values))
        return await SecretCheck(runner: opened.runner).check(definitions.compactMapValues { cache.secrets($0) })
    }

    /// A missing secret refuses the deploy, naming every one; what could not be checked is a warning.
    static func judge(_ findings: SecretCheck.Findings?, account: String?, reporter: Reporter) throws(DeployError) {
        guard let findings else { return }
        for line in findings.unchecked { reporter.warning(line) }
        if !findings.missing.isEmpty { throw .preflight(findings.lines(account: account)) }
    }
}
