import Foundation
import Testing

@testable import DeployCore

/// terraform's plan comes first: shown in the summary before the `y` (or made alongside the builds with --yes),
/// a failing or destroying plan stops the deploy before anything changes, and exactly that plan is applied.
extension EndToEnd.First {
    @Suite struct PlanBeforeBuildTests {
        static let deploy = ["--var-file", "tfvars/sandbox.tfvars", "--profile", "sandbox", "--skip-spas"]

        @Test func theSummaryShowsThePlanAndWithYesTheBuildsDoNotWaitForIt() throws {
            let sandbox = try Sandbox(services: 2)
            #expect(sandbox.deploy(Self.deploy + ["--yes"]).status == 0)
            sandbox.commit("packages/shared/src/index.js", "export const version = 2;\n")
            let dockerCalls = sandbox.dockerWork.count

            let preview = sandbox.deploy(Self.deploy + ["--dry-run"])
            #expect(preview.status == 0, "\(preview.stderr)")
            #expect(preview.stdout.contains("Plan      2 to replace, 2 to update\n"), "\(preview.stdout)")
            #expect(preview.stdout.contains("module.service[\"*\"].terraform_data.task_definition  -/+ replace 2"))
            #expect(preview.stdout.contains("module.service[\"*\"].terraform_data.service  ~ update 2"))
            #expect(preview.stdout.contains("          nothing else changes\n"))
            #expect(sandbox.dockerWork.count == dockerCalls, "the dry run built nothing")

            let run = sandbox.deploy(Self.deploy + ["--yes", "--output", "json"])
            #expect(run.status == 0, "\(run.stderr)")
            let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            let terraform = try #require(document["terraform"] as? [String: Any])
            #expect(terraform["counts"] as? [String: Int] == ["replace": 2, "update": 2])
            #expect((terraform["changes"] as? [[String: Any]])?.count == 4)
            let steps = try #require(document["steps"] as? [[String: Any]])
            // Times in the document are rounded to the millisecond: an end may be read 0.001 s after a start.
            func step(_ label: String) -> (start: Double, end: Double) {
                let row = steps.first { $0["label"] as? String == label } ?? [:]
                let start = row["startedAt"] as? Double ?? .infinity
                return (start, start + (row["seconds"] as? Double ?? 0))
            }
            #expect(step("build deps").start < step("plan").end, "the builds started before the plan ended")
            for service in sandbox.services {
                #expect(step("apply").start + 0.01 >= step("push \(service)").end, "\(service)")
            }
            for service in sandbox.services { #expect(sandbox.liveImage(service).hasSuffix(":\(sandbox.head)")) }
            #expect(Self.plans(sandbox).isEmpty, "the plan file is gone after the deploy")
        }

        @Test func aPlanThatWentStaleIsNotApplied() throws {
            let sandbox = try Sandbox(services: 2)
            let deploy = sandbox.startDeploy(
                Self.deploy + ["--yes", "--jobs", "1"], environment: ["SANDBOX_BUILD_SECONDS": "1"])
            let said = deploy.scratch.url.appendingPathComponent("err")
            #expect(Shell.waitFor("Plan      ", in: said), "the plan was made and summed up")
            // Another apply, as a teammate's by hand, while the builds run.
            #expect(Self.note(sandbox, "meanwhile").status == 0)

            let run = deploy.wait()
            #expect(run.status == 1)
            #expect(run.stderr.contains("Saved plan is stale"), "\(run.stderr)")
            #expect(run.stderr.contains("Run deploy again: the images are in ECR, so it only plans and applies"))
            #expect(sandbox.terraformResources.contains("terraform_data.note"))
            #expect(sandbox.liveImage("auth").hasSuffix(":seed"), "nothing of the stale plan was applied")
            #expect(Self.plans(sandbox).isEmpty)
        }

        /// `terraform_data.note` applied by hand, as a teammate's change to the state.
        static func note(_ sandbox: Sandbox, _ text: String) -> Shell.Result {
            Shell.run(
                [
                    "terraform", "-chdir=\(sandbox.terraformDir.path)", "apply", "-auto-approve", "-input=false",
                    "-var-file=tfvars/sandbox.tfvars", "-var", "image_tag=seed", "-var", "note=\(text)",
                    "-target=terraform_data.note",
                ], environment: sandbox.environment)
        }

        /// The saved plans left behind by deploys that ended (other deploys of the machine may be planning now).
        static func plans(_ sandbox: Sandbox) -> [String] {
            let git = sandbox.platform.appendingPathComponent(".git")
            let folder = DeployFolder.planFile(workspace: "sandbox", checkout: git).deletingLastPathComponent()
            let prefix = DeployFolder.planPrefix(workspace: "sandbox", checkout: git)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return names.filter { $0.hasPrefix(prefix) }
        }

    }
}
