import Foundation

/// The read-only calls a deploy makes before it changes anything: git, terraform output, aws sts.
/// They are safe under `--dry-run`.
struct EnvironmentReader: Sendable {
    let runner: any CommandRunner
    let reporter: Reporter

    func shortHead() async throws(DeployError) -> String {
        do {
            return try await runner.queryText(Git.shortHead())
        } catch .queryFailed(_, _, let output) where Self.noCommits(output) {
            throw .configuration(
                "the repository has no commits yet: commit the platform first (deploy tags every image with HEAD's "
                    + "short SHA)")
        }
    }

    /// What git says of HEAD in a repository without a commit.
    static func noCommits(_ output: [String]) -> Bool {
        output.contains { $0.contains("Needed a single revision") || $0.contains("ambiguous argument 'HEAD'") }
    }

    /// The selected terraform workspace, or nil when terraform cannot tell (not initialised).
    func terraformWorkspace(terraformDir: String) async throws(DeployError) -> String? {
        let name = try await runner.answer(Terraform.workspaceShow(directory: terraformDir))
        return name.flatMap { Names.isWorkspaceName($0) ? $0 : nil }
    }

    func environmentFacts(terraformDir: String, workspace: String? = nil) async throws(DeployError) -> EnvironmentFacts
    {
        let command = Terraform.output(directory: terraformDir, workspace: workspace)
        return try EnvironmentFacts(terraformOutput: try await runner.query(command, output: echo(command)))
    }

    func account(profile: String?, environment: [String: String]) async throws(DeployError) -> Account {
        let command = AWS.callerIdentity()
        async let identity = outcome { () async throws(DeployError) in
            try await runner.query(command, output: echo(command))
        }
        let region = try await self.region(environment: environment)
        switch await identity {
        case .success(let data):
            return try Account(callerIdentity: data, region: region, profile: profile)
        case .failure(.queryFailed(_, _, let output)) where AWSComplaint.unreachable(output) != nil:
            let endpoint = AWSComplaint.unreachable(output) ?? "?"
            throw .preflight([
                "the AWS endpoint \(endpoint) could not be reached (\(output.last ?? "")): check the network, a VPN or "
                    + "proxy, or the endpoint_url of \(profile.map { "profile '\($0)'" } ?? "the AWS configuration")"
            ])
        case .failure(.queryFailed(_, _, let output)):
            let said = output.last.map { " (\($0))" } ?? ""
            guard let profile else {
                throw .preflight([
                    "the AWS credentials of the default chain do not work\(said): in GitHub Actions, run "
                        + "aws-actions/configure-aws-credentials with role-to-assume (and `permissions: id-token: "
                        + "write`) before deploy; elsewhere set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or pass "
                        + "--profile"
                ])
            }
            throw .preflight([
                "AWS credentials for profile '\(profile)' do not work\(said): run `aws sso login --profile "
                    + "\(profile)` or `aws configure --profile \(profile)`"
            ])
        case .failure(let error):
            throw error
        }
    }

    private func region(environment: [String: String]) async throws(DeployError) -> String {
        if let region = environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"], !region.isEmpty {
            return region
        }
        let region = try await runner.answer(AWS.configuredRegion()) ?? ""
        return region.isEmpty ? "(not set)" : region
    }

    /// A query's stderr lines, under the tool's name.
    private func echo(_ command: Command) -> @Sendable (OutputLine) -> Void {
        { [reporter, label = command.tool] in reporter.child(label, $0) }
    }
}
