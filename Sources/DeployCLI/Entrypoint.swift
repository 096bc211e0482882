import DeployCore
import Foundation

/// The `deploy` executable: parse the flags, hand the plan to DeployCore, turn the outcome into an exit code.
@main
struct Entrypoint {
    static func main() async {
        let reporter = Reporter()
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            try await run(arguments: arguments, reporter: reporter)
            try reporter.checkOutput()
        } catch {
            // With --output json, every exit writes one document, also one stopped before anything ran.
            if Invocation.wantsJSON(arguments) && !reporter.hasDocument {
                reporter.document(DeployDocument.stopped(error))
            }
            reporter.error(error)
            exit(error.exitCode)
        }
    }

    static func run(arguments: [String], reporter: Reporter) async throws(DeployError) {
        switch try DeployPlan.parse(arguments, environment: ProcessInfo.processInfo.environment) {
        case .help(let command): print(Usage.text(for: command), terminator: "")
        case .version: print(Version.current)
        case .deploy(let plan): try await deployer(plan, reporter).run()
        case .status(let plan): try await deployer(plan, reporter).status()
        case .prune(let plan): try await deployer(plan, reporter).prune()
        case .history(let plan): try await deployer(plan, reporter).history()
        case .rollback(let plan): try await deployer(plan, reporter).run()
        case .unlock(let plan): try await deployer(plan, reporter).unlock()
        case .check(let plan): try await deployer(plan, reporter).check()
        case .completions(let shell): print(CompletionScript.text(for: shell), terminator: "")
        case .completionWords(let list, let directory):
            let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let folder = directory.map { URL(fileURLWithPath: $0, relativeTo: here) } ?? here
            for word in list.words(from: folder, environment: ProcessInfo.processInfo.environment) { print(word) }
        }
    }

    /// Ctrl-C handling goes in before any child can start.
    static func deployer(_ plan: DeployPlan, _ reporter: Reporter) throws(DeployError) -> Deployer {
        try Interruption.install(reporter: reporter)
        let verbosity: Reporter.Verbosity = plan.quiet ? .quiet : plan.verbose ? .verbose : .normal
        return Deployer(
            plan: plan, environment: ProcessInfo.processInfo.environment,
            currentDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
            reporter: reporter.configured(verbosity: verbosity, json: plan.json))
    }
}
