/// The checkout and the environment a command acts on, read once: the workspace, HEAD's short SHA, the selected
/// terraform workspace and terraform's outputs. Every deploy, rollback, status and check starts from one.
struct Target: Equatable, Sendable {
    /// Where: the repository, its contract, the var-file and the profile.
    let workspace: Workspace
    /// HEAD's short SHA: the tag of every image a deploy builds.
    let head: String
    /// terraform's outputs: registries, cluster, buckets, distributions.
    let facts: EnvironmentFacts
    /// The selected terraform workspace; nil when terraform could not tell.
    let terraformWorkspace: String?

    init(workspace: Workspace, head: String, facts: EnvironmentFacts, terraformWorkspace: String? = nil) {
        self.workspace = workspace
        self.head = head
        self.facts = facts
        self.terraformWorkspace = terraformWorkspace
    }

    /// The terraform workspace the lock and the history are kept for.
    var workspaceName: String { terraformWorkspace ?? "default" }

    /// Where the team's lock and history live; nil without a `deploy_bucket` output (this clone's only).
    var bucket: DeployBucket? { facts.deployBucket.map { DeployBucket(bucket: $0, workspace: workspaceName) } }
}
