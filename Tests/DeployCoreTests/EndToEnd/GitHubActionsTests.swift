import Foundation
import Testing

/// deploy in a GitHub Actions job, with the real binary against the sandbox: GitHub's variables, a summary file and
/// an outputs file, the credentials configure-aws-credentials leaves (keys, a region, no profile), no terminal.
extension EndToEnd.First {
    @Suite struct GitHubActionsTests {
        static let deploy = ["--var-file", "tfvars/sandbox.tfvars", "--skip-spas", "--yes"]
        static let runs = "https://github.com/org/platform/actions/runs/"

        /// Job `run`'s environment; its summary and outputs files are `job-<run>/summary.md` and `job-<run>/outputs`.
        func job(_ sandbox: Sandbox, run: String) -> [String: String?] {
            let config =
                (try? String(contentsOfFile: sandbox.environment["AWS_CONFIG_FILE"] ?? "", encoding: .utf8)) ?? ""
            let endpoint = config.split(separator: "\n").first { $0.hasPrefix("endpoint_url") }?
                .split(separator: "=").last?.trimmingCharacters(in: .whitespaces)
            return [
                "GITHUB_ACTIONS": "true", "CI": "true", "GITHUB_REPOSITORY": "org/platform",
                "GITHUB_WORKFLOW": "deploy", "GITHUB_RUN_ID": run, "GITHUB_RUN_ATTEMPT": "1", "GITHUB_ACTOR": "alice",
                "GITHUB_SERVER_URL": "https://github.com",
                "GITHUB_STEP_SUMMARY": sandbox.folder.write("job-\(run)/summary.md", "").path,
                "GITHUB_OUTPUT": sandbox.folder.write("job-\(run)/outputs", "").path,
                "AWS_PROFILE": nil, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                "AWS_REGION": "us-east-1", "AWS_DEFAULT_REGION": "us-east-1", "AWS_ENDPOINT_URL": endpoint,
            ]
        }

        func read(_ sandbox: Sandbox, _ run: String, _ file: String) -> String {
            (try? String(contentsOf: sandbox.folder.url.appendingPathComponent("job-\(run)/\(file)"), encoding: .utf8))
                ?? ""
        }

        @Test func aJobDeploysSaysItAllOnItsPageAndAnotherJobIsRefusedByItsLock() throws {
            let sandbox = try Sandbox(services: 2)
            let green = sandbox.deploy(Self.deploy, environment: job(sandbox, run: "101"))

            #expect(green.status == 0, "\(green.stderr)")
            let summary = read(sandbox, "101", "summary.md")
            #expect(summary.hasPrefix("## ✅ deploy sandbox: deployed \(sandbox.head)\n"), "\(summary)")
            for service in sandbox.services {
                #expect(
                    summary.contains(
                        "| \(service) | <code>seed</code> → <code>\(sandbox.head)</code> | full deploy | steady in "))
            }
            #expect(
                read(sandbox, "101", "outputs").hasPrefix(
                    "sha=\(sandbox.head)\nenvironment=sandbox\nresult=deployed\nservices=auth,clinical-api\n"
                        + "history=s3://platform-sandbox-deploy/deploy/sandbox/history/"))
            #expect(green.stderr.contains("::group::build auth: ok in ") && !green.stderr.contains("[build auth] "))
            let shared = sandbox.sharedKeys.filter { $0.contains("/history/") }.compactMap(sandbox.sharedObject)
            let by = shared.first?["operator"] as? [String: Any]
            #expect((by?["run"] as? [String: Any])?["url"] as? String == Self.runs + "101")

            // Job 102's rollout of auth crashes; while it is watched, job 103 (another runner: its own checkout) is
            // refused by its lock.
            let runner = try sandbox.clone("runner-2")
            sandbox.commit("services/auth/src/index.js", "console.log('auth v2');\n")
            sandbox.fault("rollout auth crashing 2 3")
            let crashing = sandbox.startDeploy(Self.deploy, environment: job(sandbox, run: "102"))
            #expect(Sandbox.waitUntil(seconds: 60) { sandbox.sharedKeys.contains("deploy/sandbox/lock.json") })
            let refused = sandbox.deploy(Self.deploy, environment: job(sandbox, run: "103"), in: runner)
            #expect(refused.status == 1)
            #expect(
                refused.stderr.contains(
                    "GitHub Actions run 102 of org/platform, workflow 'deploy', started by "
                        + "alice: \(Self.runs)102"), "\(refused.stderr)")
            #expect(read(sandbox, "103", "summary.md").hasPrefix("## ❌ deploy refused"))

            let failed = crashing.wait()
            #expect(failed.status == 1, "\(failed.stderr)")
            #expect(
                failed.stderr.contains(
                    "::error title=deploy failed::terraform was applied, but the new code is not serving"))
            let diagnosis = read(sandbox, "102", "summary.md")
            #expect(diagnosis.contains("### Why it failed") && diagnosis.contains("#### auth"), "\(diagnosis)")
            #expect(diagnosis.contains("database unreachable, exiting with 1"), "the crashed task's log tail")
            #expect(read(sandbox, "102", "outputs").contains("result=failed\n"))
        }
    }
}
