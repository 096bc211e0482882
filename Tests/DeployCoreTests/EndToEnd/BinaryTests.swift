import Foundation
import Testing

/// The real executable, where no sandbox is needed: what only a process of its own can show.
extension EndToEnd.First {
    @Suite struct BinaryTests {
        /// A stdout that cannot be written (a full disk) fails the run, whatever it did.
        @Test func aFullStdoutFailsTheRun() throws {
            let folder = TemporaryFolder("binary")
            _ = Shell.run(["git", "init", "-q", folder.path])
            let full = Shell.run(
                ["bash", "-c", "\"$0\" \"$@\" >/dev/full", Sandbox.deployBinary, "history"], directory: folder.url)
            #expect(full.status == 1)
            #expect(full.stderr.contains("could not write the output to stdout (No space left on device)"))
        }

        @Test func theExecutableAnswersThroughTheOneEntryPoint() {
            let version = Shell.run([Sandbox.deployBinary, "--version"])
            #expect(version.status == 0 && version.stdout == "0.1.0\n")
            let usage = Shell.run([Sandbox.deployBinary, "--frobnicate"])
            #expect(
                usage.status == 2 && usage.stderr == "deploy: error: unknown option '--frobnicate'; see deploy --help\n"
            )
        }
    }
}
