/// What `--rollback-on-failure` rolls back after a failed verification, and to what: each service that did not
/// pass, to the tag ECS ran before this deploy. Refused, naming them, when that tag is not known for one. Pure.
enum RecoveryTargets {
    struct Plan: Equatable, Sendable {
        /// Service → the tag it returns to.
        var targets: [String: String]
        /// `auth to 1a2b3c4, billing to 1a2b3c4`, as messages name them.
        var named: String
    }

    static func resolve(_ verifications: [Verification], previous: [String: String]) -> Result<Plan, DeployError> {
        let failed = verifications.filter { !$0.passed }.map(\.service)
        let targets = Dictionary(failed.compactMap { service in previous[service].map { (service, $0) } }) {
            first, _ in first
        }
        let unknown = failed.filter { targets[$0] == nil }
        guard unknown.isEmpty else {
            return .failure(
                .refused(
                    "what ECS ran before this deploy is not known for \(unknown.joined(separator: ", ")), so nothing "
                        + "was rolled back: pick a tag with deploy rollback --to <sha> (see deploy history)"))
        }
        let named = targets.keys.sorted().map { "\($0) to \(targets[$0] ?? "?")" }.joined(separator: ", ")
        return .success(Plan(targets: targets, named: named))
    }

    /// The services that did not pass, comma-separated, as the failure names them when nothing could be rolled back.
    static func failedNames(_ verifications: [Verification]) -> String {
        verifications.filter { !$0.passed }.map(\.service).joined(separator: ", ")
    }
}
