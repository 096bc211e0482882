import Foundation

@testable import DeployCore

extension Deployment {
    /// A deployment for pure tests: the repository at /repo, HEAD abc1234, terraform's outputs as given.
    static func testing(
        _ options: ReleaseOptions = ReleaseOptions(), services: [String] = ["auth", "billing"],
        config: PlatformConfig = PlatformConfig(), facts: EnvironmentFacts = ReleaseStepsTests.facts(),
        varFile: String? = nil
    ) throws -> Deployment {
        let root = URL(fileURLWithPath: "/repo")
        let workspace = Workspace(
            root: root, gitDirectory: root.appendingPathComponent(".git"), config: config,
            services: services, varFile: varFile.map { URL(fileURLWithPath: $0) }, profile: "p")
        return try Deployment(options: options, workspace: workspace, head: "abc1234", facts: facts)
    }
}
