import Foundation

/// The read-only calls a deploy makes before it changes anything: git, terraform output, aws sts.
/// They are safe under `--dry-run`.
struct Queries: Sendable {
    let runner: any CommandRunner
    let reporter: Reporter

    func shortHead() async throws(DeployError) -> String {
        try await text(Git.shortHead())
    }

    /// The selected terraform workspace, or nil when terraform cannot tell (not initialised).
    func terraformWorkspace(terraformDir: String) async throws(DeployError) -> String? {
        let result = try await runner.run(.run(Terraform.workspaceShow(directory: terraformDir)), capture: true) { _ in }
        let name = String(decoding: result.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return result.status.succeeded && Names.isWorkspaceName(name) ? name : nil
    }

    func environmentFacts(terraformDir: String) async throws(DeployError) -> EnvironmentFacts {
        try EnvironmentFacts(terraformOutput: try await data(Terraform.output(directory: terraformDir)))
    }

    func account(profile: String, environment: [String: String]) async throws(DeployError) -> Account {
        async let identity = outcome { () async throws(DeployError) in try await data(AWS.callerIdentity()) }
        let region = try await self.region(environment: environment)
        switch await identity {
        case .success(let data):
            return try Account(callerIdentity: data, region: region, profile: profile)
        case .failure(.queryFailed(_, _, let output)):
            let said = output.last.map { " (\($0))" } ?? ""
            throw .preflight(["AWS credentials for profile '\(profile)' do not work\(said): run `aws sso login --profile \(profile)` or `aws configure --profile \(profile)`"])
        case .failure(let error):
            throw error
        }
    }

    private func region(environment: [String: String]) async throws(DeployError) -> String {
        if let region = environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"], !region.isEmpty { return region }
        let result = try await runner.run(.run(AWS.configuredRegion()), capture: true) { _ in }
        let region = String(decoding: result.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return result.status.succeeded && !region.isEmpty ? region : "(not set)"
    }

    private func text(_ command: Command) async throws(DeployError) -> String {
        String(decoding: try await data(command), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func data(_ command: Command) async throws(DeployError) -> Data {
        let label = command.tool
        let result = try await runner.run(.run(command), capture: true) { [reporter] in reporter.child(label, $0) }
        guard result.status.succeeded else {
            throw .queryFailed(command: command.rendered, status: result.status, output: result.tail)
        }
        return result.stdout
    }
}
