import Foundation

/// Whether every secret the task definitions that will run reference exists in the account: SSM parameters by
/// name, ten per call, and Secrets Manager secrets one by one, all at once, never reading a value. A secret that
/// does not exist stops every task from starting (and the circuit breaker rolls back minutes later): each one is
/// named with its service, variable and source. What could not be asked (another account, no permission) is said
/// apart, and does not stop the deploy.
struct SecretCheck: Sendable {
    let runner: any CommandRunner
    /// The deploy's account, where a reference without one lives.
    var account: String?

    struct Missing: Equatable, Sendable {
        var service: String
        var reference: SecretReference
        var source: SecretSource
    }

    struct Findings: Equatable, Sendable {
        var missing: [Missing] = []
        /// Lines saying what could not be checked, and why.
        var unchecked: [String] = []
        var checked = 0

        /// One line per missing reference, for the refusal.
        func lines(account: String?) -> [String] {
            missing.map { missing in
                let owner = (missing.source.account ?? account).map { "account \($0)" } ?? "the deploy's account"
                let region = missing.source.region.map { " (\($0))" } ?? ""
                return "\(missing.service): \(missing.reference.name) (container \(missing.reference.container)) reads "
                    + "\(missing.source.description), which does not exist in \(owner)\(region): create it, or fix the "
                    + "task definition"
            }
        }
    }

    /// Service → the references its task definition makes.
    func check(_ references: [String: [SecretReference]]) async -> Findings {
        var findings = Findings()
        var sources: [SecretSource: [(String, SecretReference)]] = [:]
        for (service, list) in references.sorted(by: { $0.key < $1.key }) {
            for reference in list {
                sources[SecretSource(reference.valueFrom), default: []].append((service, reference))
            }
        }
        let foreign = sources.keys.filter { $0.account != nil && account != nil && $0.account != account }
        findings.unchecked += foreign.map { "\($0.description) is in account \($0.account ?? "?"), not checked" }
        let asked = sources.keys.filter { !foreign.contains($0) }
        let (absent, failures) = await missing(Array(asked))
        findings.unchecked += failures
        findings.checked = asked.count - failures.count
        for source in absent.sorted(by: { $0.description < $1.description }) {
            findings.missing += (sources[source] ?? []).map { Missing(service: $0.0, reference: $0.1, source: source) }
        }
        return findings
    }

    /// The sources that do not exist, and what could not be asked.
    private func missing(_ sources: [SecretSource]) async -> (Set<SecretSource>, [String]) {
        var batches: [[SecretSource]] = []
        let parameters = Dictionary(grouping: sources.filter { if case .parameter = $0 { true } else { false } }) {
            $0.region
        }
        for (_, group) in parameters.sorted(by: { ($0.key ?? "") < ($1.key ?? "") }) {
            batches += stride(from: 0, to: group.count, by: 10).map { Array(group[$0..<min($0 + 10, group.count)]) }
        }
        batches += sources.filter { if case .secret = $0 { true } else { false } }.map { [$0] }
        let answers = await concurrentMap(batches, limit: 4) { [runner] (batch) -> (Set<SecretSource>, String?) in
            await Self.ask(batch, runner)
        }
        return (answers.reduce(into: Set()) { $0.formUnion($1.0) }, answers.compactMap(\.1))
    }

    private static func ask(_ batch: [SecretSource], _ runner: any CommandRunner) async -> (Set<SecretSource>, String?)
    {
        guard let first = batch.first else { return ([], nil) }
        if case .secret(let id, let region, _) = first {
            switch await outcome({ () async throws(DeployError) in
                try await runner.query(AWS.describeSecret(id, region: region))
            }) {
            case .success: return ([], nil)
            case .failure(let error) where error.output.contains(where: { $0.contains("ResourceNotFoundException") }):
                return ([first], nil)
            case .failure(let error): return ([], "\(first.description) could not be checked: \(Self.said(error))")
            }
        }
        let names = batch.compactMap { source -> String? in
            if case .parameter(let name, _, _) = source { return name } else { return nil }
        }
        switch await outcome({ () async throws(DeployError) in
            try await runner.query(AWS.parameterNames(names, region: first.region))
        }) {
        case .success(let answer):
            let found = Set((try? JSONSerialization.jsonObject(with: answer)) as? [String] ?? [])
            return (
                Set(batch.filter { if case .parameter(let name, _, _) = $0 { !found.contains(name) } else { false } }),
                nil
            )
        case .failure(let error):
            return ([], "SSM parameters \(names.joined(separator: ", ")) could not be checked: \(Self.said(error))")
        }
    }

    private static func said(_ error: DeployError) -> String {
        Inert.field(error.output.last(where: { !$0.isEmpty }) ?? error.message, limit: 200)
    }
}
