import Foundation

/// A platform checkout to complete in (a `.git` folder, three services, a var-file) with the built `deploy`
/// first on PATH, as an installed one would be.
struct CompletionCheckout {
    let folder = TemporaryFolder("completion")

    init() throws {
        try FileManager.default.createDirectory(
            at: folder.url.appendingPathComponent(".git"), withIntermediateDirectories: true)
        for service in ["auth", "audit", "billing"] { folder.write("services/\(service)/package.json", "{}") }
        folder.write("infra/terraform/aws/tfvars/sandbox.tfvars", "")
    }

    /// Runs `argv` in the checkout (or `folder`), with `deploy` on PATH; its stdout lines.
    func run(_ argv: [String], in folder: URL? = nil) -> (status: Int32, lines: [String], stderr: String) {
        let bin = URL(fileURLWithPath: Sandbox.deployBinary).deletingLastPathComponent().path
        let path = bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let result = Shell.run(
            argv, environment: ["PATH": path, "HOME": self.folder.path], directory: folder ?? self.folder.url)
        return (result.status, result.stdout.split(separator: "\n").map(String.init), result.stderr)
    }
}
