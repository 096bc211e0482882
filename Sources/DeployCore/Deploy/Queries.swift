import Foundation

/// The read-only calls a deploy makes before it changes anything: git, terraform output, aws sts.
/// They are safe under `--dry-run`.
struct Queries: Sendable {
    let runner: any CommandRunner
    let reporter: Reporter

    func shortHead() async throws(DeployError) -> String {
        try await text(Git.shortHead())
    }

    func environmentFacts(terraformDir: String) async throws(DeployError) -> EnvironmentFacts {
        try EnvironmentFacts(terraformOutput: try await data(Terraform.output(directory: terraformDir)))
    }

    func account(profile: String, environment: [String: String]) async throws(DeployError) -> Account {
        async let identity = outcome { () async throws(DeployError) in try await data(AWS.callerIdentity()) }
        let region = try await self.region(environment: environment)
        return try Account(callerIdentity: try await identity.get(), region: region, profile: profile)
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
