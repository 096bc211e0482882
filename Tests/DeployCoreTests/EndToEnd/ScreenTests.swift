import Foundation
import Testing

/// What the operator's terminal shows: the live board redraws only its own lines, so terraform's plan and the
/// notes printed while it runs stay readable above it, and no stale frame is left in the scrollback.
extension EndToEnd.First {
    @Suite struct ScreenTests {
        @Test func withYesThePlanStaysAboveTheBoardAndNoFrameIsLeftBehind() throws {
            let sandbox = try Sandbox(services: 2)
            let shown = sandbox.deployOnScreen(
                ["--var-file", "tfvars/sandbox.tfvars", "--skip-spas", "--profile", "sandbox", "--yes"],
                environment: ["SANDBOX_BUILD_SECONDS": "1.5"])

            #expect(shown.status == 0, "\(shown.all.joined(separator: "\n"))")
            let lines = shown.all
            let text = lines.joined(separator: "\n")
            #expect(
                lines.filter { $0.hasPrefix("Plan      4 to create") }.count == 1, "the plan, once and whole: \(text)")
            #expect(lines.contains { $0.contains("module.service[\"*\"].terraform_data.task_definition  + create 2") })
            #expect(lines.filter { $0.hasPrefix("dependency layer") }.count == 1, "one frame of the board: \(text)")
            #expect(lines.filter { $0.hasPrefix("terraform plan ") }.count == 1)
            #expect(lines.contains("deployed \(sandbox.head)"))
            #expect(!text.contains("\u{1B}"))
        }
    }
}
