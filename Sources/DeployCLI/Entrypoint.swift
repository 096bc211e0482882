import DeployCore
import Foundation

/// The `deploy` executable: the one entry point, over the process's own streams, and its exit code.
@main
struct Entrypoint {
    static func main() async {
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let arguments = Array(CommandLine.arguments.dropFirst())
        let environment = ProcessInfo.processInfo.environment
        exit(await DeployMain.run(arguments: arguments, environment: environment, directory: here, io: .standard))
    }
}
