import Foundation
import Testing

@testable import DeployCore

/// The executor walking a schedule: bounded concurrency, the fixed order where it matters, stop on failure.
@Suite struct WalkTests {
    static let quiet = Reporter(out: { _ in }, err: { _ in })

    static func isBuild(_ action: Action) -> Bool { action.rendered.contains("SERVICE=") }
    static func isPush(_ action: Action) -> Bool { action.rendered.hasPrefix("docker push") }

    func manyServices() throws -> [Step] {
        var facts = ReleaseStepsTests.facts()
        let services = (1...6).map { "svc-\($0)" }
        for name in services { facts.repositoryURLs[name] = "\(ReleaseStepsTests.registry)/\(name)" }
        return try Release(resolving: try .testing(services: services, facts: facts, varFile: "/v")).steps
    }

    @Test func theWalkStartsWhatIsReadyAndNothingAfterAnError() {
        var walk = Walk(steps: ScheduleTests.steps, concurrency: Concurrency(jobs: 2, pushJobs: 2))
        let labels = { (indices: [Int]) in indices.map { ScheduleTests.steps[$0].label } }
        #expect(
            labels(walk.startReady()) == ["build deps", "login \(ReleaseStepsTests.registry)", "build spa admin-ui"])
        walk.finish(0, .success((RunResult(status: .exited(0)), 1)), started: 0, seconds: 1)
        #expect(labels(walk.startReady()) == ["build auth", "build billing"], "two builds at --jobs 2")
        walk.finish(1, .success((RunResult(status: .exited(1), tail: ["boom"]), 1)), started: 1, seconds: 1)
        #expect(
            walk.error == .stepFailed(FailedStep(phase: .build, subject: "auth", status: .exited(1), output: ["boom"])))
        #expect(walk.startReady().isEmpty)
        #expect(walk.outcomesInOrder.map(\.result) == [.ok, .failed])

        var serial = Walk(steps: ScheduleTests.steps, concurrency: .serial)
        #expect(labels(serial.startReady()) == ["build deps"])
        serial.finish(0, .failure(.interrupted(signal: SIGINT)), started: 0, seconds: 0)
        #expect(serial.outcomesInOrder.first?.status == .signaled(SIGINT) && serial.startReady().isEmpty)
    }

    @Test func neverMoreBuildsOrPushesAtOnceThanAllowed() async throws {
        let runner = TimedRunner { Self.isBuild($0) || Self.isPush($0) ? 0.15 : 0.01 }
        let steps = try manyServices()
        let (_, error) = await Executor(
            runner: runner, reporter: Self.quiet, children: ChildRegistry(),
            concurrency: Concurrency(jobs: 2, pushJobs: 3)
        ).run(steps)
        #expect(error == nil)
        #expect(runner.maxOverlap(Self.isBuild) == 2)
        #expect(runner.maxOverlap(Self.isPush) <= 3)
        #expect(runner.maxOverlap(Self.isPush) >= 2)
    }

    @Test func invalidationsChecksAndTheApplyWaitForEveryPushAndUpload() async {
        let runner = TimedRunner { $0.rendered.contains("SERVICE=billing") ? 0.3 : 0.02 }
        let (outcomes, error) = await Executor(
            runner: runner, reporter: Self.quiet, children: ChildRegistry(),
            concurrency: Concurrency(jobs: 4, pushJobs: 4)
        ).run(ScheduleTests.steps)
        #expect(error == nil)
        #expect(outcomes.count == ScheduleTests.steps.count)
        let runs = runner.all
        let lastPushOrUpload = runs.filter { Self.isPush($0.action) || $0.action.rendered.contains("s3 sync") }.map(
            \.end
        ).max()!
        for run in runs
        where ["create-invalidation", "describe-images", "terraform"].contains(where: run.action.rendered.contains) {
            #expect(
                run.start >= lastPushOrUpload, "\(run.action.rendered) started before the last push or upload ended")
        }
        let apply = runs.first { $0.action.rendered.hasPrefix("terraform") }!
        #expect(runs.allSatisfy { $0.end <= apply.start || $0.action == apply.action })
        let spaBuild = runs.first { $0.action.rendered.hasPrefix("pnpm") }!
        let billing = runs.first { $0.action.rendered.contains("SERVICE=billing") }!
        #expect(spaBuild.start < billing.end, "SPA builds overlap the image work")
    }

    @Test func aFailedBuildStopsNewWorkAndNothingIsApplied() async throws {
        let runner = TimedRunner(
            seconds: { Self.isBuild($0) ? 0.1 : 0.01 },
            status: { $0.rendered.contains("SERVICE=svc-2") ? .exited(1) : .exited(0) })
        let (outcomes, error) = await Executor(
            runner: runner, reporter: Self.quiet, children: ChildRegistry(), retry: .none,
            concurrency: Concurrency(jobs: 2, pushJobs: 2)
        ).run(try manyServices())
        #expect(error == .stepFailed(FailedStep(phase: .build, subject: "svc-2", status: .exited(1), output: [])))
        #expect(!runner.all.contains { $0.action.rendered.contains("svc-2:abc1234") && Self.isPush($0.action) })
        #expect(!runner.all.contains { $0.action.rendered.hasPrefix("terraform") })
        #expect(runner.all.filter { Self.isBuild($0.action) }.count < 6, "no new build starts after the failure")
        #expect(
            outcomes.contains { $0.step.label == "build svc-1" && $0.status == .exited(0) },
            "the running build finished")
    }

    @Test func jobsOneRunsEveryStepInOrder() async {
        let runner = TimedRunner()
        let (outcomes, _) = await Executor(
            runner: runner, reporter: Self.quiet, children: ChildRegistry(), concurrency: .serial
        ).run(ScheduleTests.steps)
        #expect(runner.all.map(\.action) == ScheduleTests.steps.map(\.action))
        #expect(outcomes.map(\.step) == ScheduleTests.steps)
        #expect(runner.maxOverlap { _ in true } == 1)
    }
}

extension WalkTests {
    @Test func anApplyThatDidNotEndByItselfSaysItMayBePartial() {
        let apply = ScheduleTests.steps.last!
        var run = RunResult(status: .signaled(SIGINT))
        run.interruption = SIGINT
        let interrupted = Walk.failure(of: apply, run)
        #expect(interrupted == .applyStopped(.interrupted(signal: SIGINT)) && interrupted.exitCode == 130)
        #expect(
            interrupted.message.hasPrefix(
                "terraform apply was interrupted by SIGINT: it may have applied part of the change"))
        var late = RunResult(status: .signaled(SIGKILL))
        late.timedOut = true
        let timedOut = Walk.failure(of: apply, late)
        #expect(timedOut == .applyStopped(.timedOut(seconds: 1800)) && timedOut.exitCode == 1)
        #expect(timedOut.message.hasPrefix("terraform apply did not end within 30m (--apply-timeout) and was stopped"))
        #expect(Walk.failure(of: ScheduleTests.steps[0], run) == .interrupted(signal: SIGINT))
    }

    @Test func theFirstCtrlCSaysWhatItWaitsFor() {
        #expect(Interruption.stopping(running: 0, patient: 0) == "stopping; press Ctrl-C again to stop at once")
        #expect(Interruption.stopping(running: 1, patient: 1).hasPrefix("terraform apply is stopping cleanly"))
        #expect(
            Interruption.stopping(running: 3, patient: 0)
                == "stopping 3 running command(s); press Ctrl-C again to kill them now")
        #expect(
            Interruption.stopping(running: 0, patient: 0, holds: true)
                == "stopping: letting go of the team's lock and recording the deploy first; press Ctrl-C again to stop "
                + "at once (that leaves the team's lock held, for deploy unlock)")
    }
}
