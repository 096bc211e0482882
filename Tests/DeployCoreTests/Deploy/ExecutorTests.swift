import Foundation
import Testing
@testable import DeployCore

@Suite struct ExecutorTests {
    let steps = try! ReleaseStepsTests.release(["--var-file", "prod.tfvars", "--profile", "p", "-y"]).steps

    @Test func runsEveryStepInOrder() async {
        let runner = FakeRunner()
        let (outcomes, error) = await Executor(runner: runner, reporter: Reporter(out: { _ in }, err: { _ in }), children: ChildRegistry()).run(steps)
        #expect(error == nil)
        #expect(outcomes.map(\.step) == steps)
        #expect(runner.actions == steps.map(\.action))
    }

    @Test func aFailedPushStopsTheDeployBeforeTerraform() async {
        let runner = FakeRunner { action in
            action.commands.first?.arguments.prefix(1) == ["push"] && action.rendered.contains("/billing:")
                ? RunResult(status: .exited(1), tail: ["connection reset by peer"]) : RunResult(status: .exited(0))
        }
        let (outcomes, error) = await Executor(runner: runner, reporter: Reporter(out: { _ in }, err: { _ in }), children: ChildRegistry()).run(steps)
        #expect(error == .stepFailed(step: "push billing", status: .exited(1), output: ["connection reset by peer"]))
        #expect(outcomes.last?.step.label == "push billing")
        #expect(!runner.actions.contains { $0.commands.contains { $0.tool == "terraform" || $0.tool == "pnpm" } })
        #expect(error?.message == "step 'push billing' exited with 1; later steps were not run and terraform was not applied")
    }

    @Test func childOutputIsPrefixedWithItsStep() async {
        let err = Lines()
        let reporter = Reporter(out: { _ in }, err: { err.append(OutputLine(.stderr, $0)) })
        let runner = FakeRunner { _ in RunResult(status: .exited(0), tail: ["hello"]) }
        _ = await Executor(runner: runner, reporter: reporter, children: ChildRegistry()).run(Array(steps.prefix(2)))
        #expect(err.all.map(\.text) == ["==> build deps\n", "[build deps] hello\n", "==> build auth\n", "[build auth] hello\n"])
    }

    @Test func anInterruptionStartsNothingNew() async {
        let children = ChildRegistry()
        children.interrupt(with: SIGTERM)
        let runner = FakeRunner()
        let (outcomes, error) = await Executor(runner: runner, reporter: Reporter(out: { _ in }, err: { _ in }), children: children).run(steps)
        #expect(outcomes.isEmpty && runner.actions.isEmpty)
        #expect(error == .interrupted(signal: SIGTERM))
        #expect(error?.exitCode == 143)
    }
}
