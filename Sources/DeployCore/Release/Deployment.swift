import Foundation

/// One deploy (or rollback), resolved against its workspace and environment: where it runs, what HEAD and
/// terraform say, which services it rolls and at which tags, who runs it and what ran before. The opening
/// reads build it; the release, the summary, the history and the JSON document read it. The plan stays as
/// the operator gave it: the services selected live here.
struct Deployment: Equatable, Sendable {
    let options: ReleaseOptions
    /// Where, and what HEAD and terraform say.
    let target: Target
    let started: Date
    /// The services this deploy builds and rolls: all of them, `--services`, `--changed`'s DEPLOY list, or a
    /// rollback's.
    var services: [String]
    /// The services that do not roll, at the tag they run: terraform's image map must name what they run.
    var pinnedTags: [String: String] = [:]
    /// A rollback's tag per service, instead of HEAD; such images are in ECR already.
    var rollbackTags: [String: String] = [:]
    /// The var-file sets `expose_api_docs = true`: each service's `/docs` must answer too.
    var exposesDocs = false
    /// Children may print colour (the operator's terminal, no NO_COLOR).
    var color = false
    /// Who: the AWS caller, read alongside the opening reads.
    var account: Account?
    /// What ran before: the tag each service ran, read from ECS before the apply (where a rollback returns to).
    var previousTags: [String: String] = [:]
    /// Why each service rolls, when a reading said (`--changed`: the paths that changed since its live tag).
    var reasons: [String: String] = [:]

    /// Selects the options' services (all of them without `--services`).
    init(options: ReleaseOptions, target: Target, started: Date = Date()) throws(DeployError) {
        self.options = options
        self.target = target
        self.started = started
        let workspace = target.workspace
        services = try Self.select(
            options.services, from: workspace.services, independent: workspace.config.independent)
        exposesDocs = VarFileFacts.exposesAPIDocs(file: workspace.varFile)
    }

    init(
        options: ReleaseOptions, workspace: Workspace, head: String, facts: EnvironmentFacts,
        terraformWorkspace: String? = nil, started: Date = Date()
    ) throws(DeployError) {
        try self.init(
            options: options,
            target: Target(workspace: workspace, head: head, facts: facts, terraformWorkspace: terraformWorkspace),
            started: started)
    }

    var workspace: Workspace { target.workspace }
    var head: String { target.head }
    var facts: EnvironmentFacts { target.facts }
    var terraformWorkspace: String? { target.terraformWorkspace }
    var workspaceName: String { target.workspaceName }
    var bucket: DeployBucket? { target.bucket }

    /// `--services` checked against the services the repository has; nil means all of them.
    static func select(_ requested: [String]?, from known: [String], independent: [String] = []) throws(DeployError)
        -> [String]
    {
        guard let requested else { return known }
        if let name = requested.first(where: independent.contains) {
            throw .usage(
                "'\(name)' deploys on its own (it is listed as independent) and is never built or rolled by deploy")
        }
        for name in requested where !known.contains(name) {
            let hint = Suggestion.closest(to: name, among: known).map { " Did you mean '\($0)'?" } ?? ""
            throw .usage("unknown service '\(name)' in --services.\(hint) Known: \(known.joined(separator: ", "))")
        }
        return requested
    }
}

extension Deployment {
    /// A rollback: these services back to these tags, the others pinned to what they run.
    mutating func rollBack(to targets: [String: String], live: [String: String]) {
        services =
            workspace.services.filter { targets[$0] != nil }
            + targets.keys.filter { !workspace.services.contains($0) }.sorted()
        rollbackTags = targets
        pinnedTags = live.filter { targets[$0.key] == nil }
        previousTags = live
    }
}

extension Deployment {
    /// `--rollback-on-failure`: these services back to these tags, from what ECS runs now, as a rollback of its
    /// own (its plan, its start).
    func rollingBack(to targets: [String: String], live: [String: String], options: ReleaseOptions) throws(DeployError)
        -> Deployment
    {
        var rollback = try Deployment(options: options, target: target)
        (rollback.exposesDocs, rollback.color, rollback.account) = (exposesDocs, color, account)
        rollback.rollBack(to: targets, live: live)
        return rollback
    }
}
