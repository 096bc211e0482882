import Foundation
import Testing

@testable import DeployCore

/// The runbook's deploys and what stops them, through the scripted platform: what runs, in which order, what a
/// failure leaves, and what a re-run redoes.
@Suite struct DeployRunTests {
    static let deploy = ["--var-file", "tfvars/prod.tfvars", "--profile", "p", "--yes", "--min-free-gb", "0"]

    @Test func skipSPAsRunsNoPnpmS3OrCloudFront() async {
        let platform = ScriptedPlatform()
        let run = await platform.run(Self.deploy + ["--skip-spas"])
        #expect(run.error == nil, "\(run.err)")
        #expect(platform.commands(of: "pnpm").isEmpty)
        #expect(!platform.commands.contains { $0.hasPrefix("aws s3 ") || $0.hasPrefix("aws cloudfront") })
        #expect(platform.live["auth"] == ScriptedPlatform.head)
    }

    @Test func imageOnlyPushOfTwoServicesChangesNothingLive() async {
        let platform = ScriptedPlatform(services: ["auth", "billing", "reporting"])
        let run = await platform.run(["--skip-tf", "--services", "auth,billing", "--profile", "p", "--yes"])
        #expect(run.error == nil, "\(run.err)")
        #expect(
            platform.commands(of: "pnpm").isEmpty
                && platform.commands(of: "terraform").allSatisfy { !$0.contains(" plan ") })
        #expect(!platform.commands.contains { $0.hasPrefix("aws s3 ") || $0.hasPrefix("aws cloudfront") })
        let tags = platform.model.withLock(\.tags)
        #expect(
            tags["auth"]?.contains(ScriptedPlatform.head) == true
                && tags["billing"]?.contains(ScriptedPlatform.head) == true)
        #expect(tags["reporting"]?.contains(ScriptedPlatform.head) == false)
        #expect(platform.live.values.allSatisfy { $0 == ScriptedPlatform.parent })
        #expect(!run.err.contains("[apply]"))
    }

    @Test func aFailedPushStopsTheDeployBeforeAnythingRolls() async {
        let platform = ScriptedPlatform()
        platform.model.withLock {
            $0.failingOnce = [
                "docker push \(ScriptedPlatform.registry)/billing":
                    "denied: not authorized to perform: ecr:CompleteLayerUpload"
            ]
        }
        let run = await platform.run(Self.deploy)
        #expect(run.code == 1)
        #expect(run.err.contains("deploy: error: step 'push billing' exited with 1"))
        #expect(run.err.contains("not authorized to perform: ecr:CompleteLayerUpload"))
        #expect(run.out.contains("not run") && run.out.contains("apply"))
        #expect(
            !platform.commands.contains { $0.hasPrefix("aws s3 sync") || $0.hasPrefix("aws cloudfront") },
            "SPA builds may have run; no upload did")
        #expect(platform.live.values.allSatisfy { $0 == ScriptedPlatform.parent })
    }

    @Test func aRerunAfterAFailedPushPushesOnlyWhatIsMissing() async {
        let platform = ScriptedPlatform(services: ["auth", "billing", "reporting"])
        platform.model.withLock { $0.failingOnce = ["docker push \(ScriptedPlatform.registry)/reporting": "EOF"] }
        let failed = await platform.run(Self.deploy + ["--jobs", "1"])
        #expect(failed.code == 1)
        #expect(failed.out.contains("FAILED") && failed.out.contains("push reporting"))
        let pushesBefore = platform.dockerWork.filter { $0.hasPrefix("docker push") }.count

        let rerun = await platform.run(Self.deploy)
        #expect(rerun.error == nil, "\(rerun.err)")
        #expect(rerun.out.contains("already in ECR, not rebuilt: auth, billing\n"), "\(rerun.out)")
        let pushes = platform.dockerWork.filter { $0.hasPrefix("docker push") }.dropFirst(pushesBefore)
        #expect(Array(pushes) == ["docker push \(ScriptedPlatform.registry)/reporting:abc1234"])
        #expect(platform.live.values.allSatisfy { $0 == ScriptedPlatform.head })
    }

    @Test func aFailedBuildIsNotPushedAndATransientOneIsRetried() async {
        let platform = ScriptedPlatform()
        platform.model.withLock { $0.failing = ["SERVICE=auth"] }
        // One build at a time: with two, another service's build may end before auth's fails.
        let failed = await platform.run(Self.deploy + ["--skip-spas", "--jobs", "1"])
        #expect(failed.code == 1)
        #expect(failed.err.contains("deploy: error: step 'build auth' exited with 1"))
        #expect(!platform.commands.contains { $0.hasPrefix("docker push") })
        #expect(!platform.commands.contains { $0.contains(" apply ") })

        platform.model.withLock {
            $0.failing = []
            $0.failingOnce = ["SERVICE=auth": "npm ERR! network read ECONNRESET"]
        }
        let retried = await platform.run(Self.deploy + ["--skip-spas"])
        #expect(retried.error == nil, "\(retried.err)")
        #expect(retried.err.contains("build auth: transient failure (ECONNRESET); retrying in 0s, attempt 2 of 3"))
        #expect(platform.live["auth"] == ScriptedPlatform.head)
    }

    /// An image this run pushed is in ECR (the registry accepted it); one it did not push is looked up: here the tag
    /// terraform keeps auth on while billing rolls, gone from ECR since (a lifecycle rule, by hand).
    @Test func anImageMissingFromECRAtApplyTimeIsRefused() async {
        let platform = ScriptedPlatform()
        platform.model.withLock {
            $0.changedPaths = ["services/billing/src/index.js"]
            $0.tags["auth"] = []
        }
        let run = await platform.run(["--changed"] + Self.deploy)
        #expect(run.code == 1)
        #expect(run.err.contains("the image of auth is not in ECR, so terraform was not applied"), "\(run.err)")
        #expect(!platform.commands.contains { $0.contains(" apply ") })
        #expect(platform.live["billing"] == ScriptedPlatform.parent)
    }

    @Test func smallerThingsANewcomerMet() async {
        let platform = ScriptedPlatform()
        let run = await platform.run(Self.deploy)
        #expect(run.error == nil, "\(run.err)")
        #expect(run.err.contains("[invalidate admin-ui] invalidation I1 of /* created (InProgress)"))
        #expect(run.err.contains("[mark admin-ui] the bucket now says it holds build abc1234"))
        #expect(!run.err.contains("\"ETag\""), "the aws CLI's data answers are said, not echoed")

        platform.model.withLock { $0.uncommitted = ["services/auth/src/index.js"] }
        let nothing = await platform.run(["--changed"] + Self.deploy)
        #expect(nothing.out.contains("nothing to deploy"))
        #expect(
            nothing.out.contains(
                "uncommitted changes are not part of any deploy (an image is built from a commit): "
                    + "services/auth/src/index.js"))
    }

    @Test func aFailedStepEndsWithItsOutcomeOnStdout() async {
        let platform = ScriptedPlatform()
        platform.model.withLock { $0.failing = ["docker push \(ScriptedPlatform.registry)/auth"] }
        let failed = await platform.run(Self.deploy + ["--skip-spas"])
        #expect(
            failed.out.hasSuffix(
                "failed: step 'push auth' exited with 1; later steps were not run and terraform was not applied\n"),
            "\(failed.out)")
    }
}
