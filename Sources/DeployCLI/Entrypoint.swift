import DeployCore
import Foundation

/// The `deploy` executable: parse the flags, hand the plan to DeployCore, turn the outcome into an exit code.
@main
struct Entrypoint {
    static func main() async {
        let reporter = Reporter()
        do {
            try await run(arguments: Array(CommandLine.arguments.dropFirst()), reporter: reporter)
        } catch {
            reporter.error(error)
            exit(error.exitCode)
        }
    }

    static func run(arguments: [String], reporter: Reporter) async throws(DeployError) {
        let environment = ProcessInfo.processInfo.environment
        switch try DeployPlan.parse(arguments, environment: environment) {
        case .help:
            print(Usage.text, terminator: "")
        case .version:
            print(Version.current)
        case .deploy(let plan):
            try Interruption.install(reporter: reporter)
            let directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            try await Deployer(plan: plan, environment: environment, currentDirectory: directory, reporter: reporter).run()
        case .status(let plan):
            try Interruption.install(reporter: reporter)
            let directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            try await Deployer(plan: plan, environment: environment, currentDirectory: directory, reporter: reporter).status()
        }
    }
}
