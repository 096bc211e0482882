import Foundation
import Testing

@testable import DeployCore

@Suite struct ExecutorTests {
    static let quickRetry = RetryPolicy(attempts: 3, backoff: [0])
    let steps = try! ReleaseStepsTests.release(["--var-file", "prod.tfvars", "--profile", "p"]).steps

    /// The steps carried out by `runner`, with nothing printed and retries without a pause.
    func run(_ steps: [Step], with runner: FakeRunner) async -> (outcomes: [StepOutcome], error: DeployError?) {
        await Executor(
            runner: runner, reporter: Reporter(out: { _ in }, err: { _ in }), children: ChildRegistry(),
            retry: Self.quickRetry
        ).run(steps)
    }

    @Test func runsEveryStepInOrder() async {
        let runner = FakeRunner()
        let (outcomes, error) = await run(steps, with: runner)
        #expect(error == nil)
        #expect(outcomes.map(\.step) == steps)
        #expect(runner.actions == steps.map(\.action))
    }

    @Test func stepsWhoseOrderCannotBeMetAreAnErrorNeverAQuietSuccess() async {
        // In one at a time, an upload listed before the task it waits for could never start, nor anything after it.
        let upload = Step(.upload, "admin-ui", .run(Command("aws", ["s3", "sync"])))
        let task = Step(.task, "auth", .run(Command("aws", ["ecs", "run-task"])))
        let apply = Step(.apply, nil, .run(Command("terraform", ["apply"])))
        let runner = FakeRunner()
        let (outcomes, error) = await Executor(
            runner: runner, reporter: Reporter(out: { _ in }, err: { _ in }), children: ChildRegistry(),
            concurrency: .serial
        ).run([upload, task, apply])
        #expect(error == .stuck(["upload admin-ui", "task auth", "apply"]))
        #expect(outcomes.isEmpty && runner.actions.isEmpty)
        #expect(error?.message.contains("This is a fault in deploy") == true)
    }

    @Test func aFailedPushStopsTheDeployBeforeTerraform() async {
        let runner = FakeRunner { action in
            action.commands.first?.arguments.prefix(1) == ["push"] && action.rendered.contains("/billing:")
                ? RunResult(status: .exited(1), tail: ["connection reset by peer"]) : RunResult(status: .exited(0))
        }
        let (outcomes, error) = await run(steps, with: runner)
        #expect(
            error
                == .stepFailed(
                    FailedStep(
                        phase: .push, subject: "billing", status: .exited(1), output: ["connection reset by peer"])))
        #expect(outcomes.last?.step.label == "push billing")
        #expect(!runner.actions.contains { $0.commands.contains { $0.tool == "terraform" || $0.tool == "pnpm" } })
        #expect(
            runner.actions.filter { $0.rendered.contains("push") && $0.rendered.contains("/billing:") }.count == 3,
            "a reset connection is retried")
        #expect(
            error?.message
                == "step 'push billing' exited with 1; later steps were not run and terraform was not applied")
    }

    @Test func childOutputIsPrefixedWithItsStep() async {
        let err = Lines()
        let reporter = Reporter(out: { _ in }, err: { err.append(OutputLine(.stderr, $0)) })
        let runner = FakeRunner { _ in RunResult(status: .exited(0), tail: ["hello"]) }
        _ = await Executor(runner: runner, reporter: reporter, children: ChildRegistry(), retry: Self.quickRetry).run(
            Array(steps.prefix(2)))
        #expect(
            err.all.map(\.text) == [
                "==> build deps\n", "[build deps] hello\n", "==> build auth\n", "[build auth] hello\n",
            ])
    }

    @Test func anInterruptionStartsNothingNew() async {
        let children = ChildRegistry()
        children.interrupt(with: SIGTERM)
        let runner = FakeRunner()
        let (outcomes, error) = await Executor(
            runner: runner, reporter: Reporter(out: { _ in }, err: { _ in }), children: children, retry: Self.quickRetry
        ).run(steps)
        #expect(outcomes.isEmpty && runner.actions.isEmpty)
        #expect(error == .interrupted(signal: SIGTERM))
        #expect(error?.exitCode == 143)
    }

    @Test func aTransientFailureThatClearsUpIsRetriedAndTheDeployGoesOn() async {
        let failures = Lines()
        let runner = FakeRunner { action in
            guard action.rendered.contains("build") && action.rendered.contains("SERVICE=auth"), failures.all.isEmpty
            else { return RunResult(status: .exited(0)) }
            failures.append(OutputLine(.stderr, "x"))
            return RunResult(status: .exited(1), tail: ["ERR_PNPM_META_FETCH_FAIL read ECONNRESET"])
        }
        let notes = Lines()
        let reporter = Reporter(out: { _ in }, err: { notes.append(OutputLine(.stderr, $0)) })
        let (outcomes, error) = await Executor(
            runner: runner, reporter: reporter, children: ChildRegistry(), retry: Self.quickRetry
        ).run(steps)
        #expect(error == nil)
        #expect(outcomes.first { $0.step.label == "build auth" }?.attempts == 2)
        #expect(
            notes.all.contains {
                $0.text.contains("build auth: transient failure (ECONNRESET); retrying in 0s, attempt 2 of 3")
            })
    }

    @Test func anOrdinaryFailureIsNotRetried() async {
        let runner = FakeRunner { action in
            action.rendered.contains("SERVICE=auth")
                ? RunResult(status: .exited(1), tail: ["error TS2304: Cannot find name 'x'"])
                : RunResult(status: .exited(0))
        }
        let (_, error) = await run(steps, with: runner)
        #expect(
            error
                == .stepFailed(
                    FailedStep(
                        phase: .build, subject: "auth", status: .exited(1),
                        output: ["error TS2304: Cannot find name 'x'"])))
        #expect(runner.actions.filter { $0.rendered.contains("SERVICE=auth") }.count == 1)
        #expect(!runner.actions.contains { $0.rendered.contains("push") })
    }
}
