import Foundation
import Testing
@testable import DeployCore

/// The executor with a schedule: bounded concurrency, the fixed order where it matters, stop on failure.
@Suite struct ScheduleTests {
    static let steps = try! ReleaseStepsTests.release(["--var-file", "prod.tfvars", "--profile", "p", "-y"]).steps
    static let quiet = Reporter(out: { _ in }, err: { _ in })

    static func isBuild(_ action: Action) -> Bool { action.rendered.contains("SERVICE=") }
    static func isPush(_ action: Action) -> Bool { action.rendered.hasPrefix("docker push") }

    func manyServices() throws -> [Step] {
        var facts = ReleaseStepsTests.facts()
        let services = (1...6).map { "svc-\($0)" }
        for name in services { facts.repositoryURLs[name] = "\(ReleaseStepsTests.registry)/\(name)" }
        return try Release(resolving: try .testing(services: services, facts: facts, varFile: "/v")).steps
    }

    @Test func neverMoreBuildsOrPushesAtOnceThanAllowed() async throws {
        let runner = TimedRunner { Self.isBuild($0) || Self.isPush($0) ? 0.15 : 0.01 }
        let steps = try manyServices()
        let (_, error) = await Executor(runner: runner, reporter: Self.quiet, children: ChildRegistry(),
                                        concurrency: Concurrency(jobs: 2, pushJobs: 3)).run(steps)
        #expect(error == nil)
        #expect(runner.maxOverlap(Self.isBuild) == 2)
        #expect(runner.maxOverlap(Self.isPush) <= 3)
        #expect(runner.maxOverlap(Self.isPush) >= 2)
    }

    @Test func invalidationsChecksAndTheApplyWaitForEveryPushAndUpload() async {
        let runner = TimedRunner { $0.rendered.contains("SERVICE=billing") ? 0.3 : 0.02 }
        let (outcomes, error) = await Executor(runner: runner, reporter: Self.quiet, children: ChildRegistry(),
                                               concurrency: Concurrency(jobs: 4, pushJobs: 4)).run(Self.steps)
        #expect(error == nil)
        #expect(outcomes.count == Self.steps.count)
        let runs = runner.all
        let lastPushOrUpload = runs.filter { Self.isPush($0.action) || $0.action.rendered.contains("s3 sync") }.map(\.end).max()!
        for run in runs where ["create-invalidation", "describe-images", "terraform"].contains(where: run.action.rendered.contains) {
            #expect(run.start >= lastPushOrUpload, "\(run.action.rendered) started before the last push or upload ended")
        }
        let apply = runs.first { $0.action.rendered.hasPrefix("terraform") }!
        #expect(runs.allSatisfy { $0.end <= apply.start || $0.action == apply.action })
        let spaBuild = runs.first { $0.action.rendered.hasPrefix("pnpm") }!
        let billing = runs.first { $0.action.rendered.contains("SERVICE=billing") }!
        #expect(spaBuild.start < billing.end, "SPA builds overlap the image work")
    }

    @Test func aFailedBuildStopsNewWorkAndNothingIsApplied() async throws {
        let runner = TimedRunner(seconds: { Self.isBuild($0) ? 0.1 : 0.01 },
                                 status: { $0.rendered.contains("SERVICE=svc-2") ? .exited(1) : .exited(0) })
        let (outcomes, error) = await Executor(runner: runner, reporter: Self.quiet, children: ChildRegistry(), retry: .none,
                                               concurrency: Concurrency(jobs: 2, pushJobs: 2)).run(try manyServices())
        #expect(error == .stepFailed(FailedStep(phase: .build, subject: "svc-2", status: .exited(1), output: [])))
        #expect(!runner.all.contains { $0.action.rendered.contains("svc-2:abc1234") && Self.isPush($0.action) })
        #expect(!runner.all.contains { $0.action.rendered.hasPrefix("terraform") })
        #expect(runner.all.filter { Self.isBuild($0.action) }.count < 6, "no new build starts after the failure")
        #expect(outcomes.contains { $0.step.label == "build svc-1" && $0.status == .exited(0) }, "the running build finished")
    }

    @Test func jobsOneRunsEveryStepInOrder() async {
        let runner = TimedRunner()
        let (outcomes, _) = await Executor(runner: runner, reporter: Self.quiet, children: ChildRegistry(), concurrency: .serial).run(Self.steps)
        #expect(runner.all.map(\.action) == Self.steps.map(\.action))
        #expect(outcomes.map(\.step) == Self.steps)
        #expect(runner.maxOverlap { _ in true } == 1)
    }

    @Test func flagsSetTheLimits() throws {
        guard case .deploy(let plan) = try DeployPlan.parse(["--skip-tf", "--jobs", "3", "--push-jobs", "2"], environment: [:]) else { return }
        #expect(plan.concurrency == Concurrency(jobs: 3, pushJobs: 2))
        guard case .deploy(let serial) = try DeployPlan.parse(["--skip-tf", "--jobs", "1"], environment: [:]) else { return }
        #expect(serial.concurrency == .serial)
        #expect(throws: DeployError.usage("--jobs takes a whole number from 1 to 64, such as --jobs 4")) {
            try DeployPlan.parse(["--skip-tf", "--jobs", "0"], environment: [:])
        }
    }
}
