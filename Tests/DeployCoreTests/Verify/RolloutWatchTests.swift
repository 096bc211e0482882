import Foundation
import Synchronization
import Testing

@testable import DeployCore

/// The watch over rounds, with ECS played by a scripted runner: progress, a failed call, the timeout.
@Suite struct RolloutWatchTests {
    static let new = "arn:aws:ecs:eu-west-1:123456789012:task-definition/prod-auth:8"
    static let old = "arn:aws:ecs:eu-west-1:123456789012:task-definition/prod-auth:7"
    static let image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/auth:abc1234"
    /// The rollout of auth, with a timeout: long where the test expects an ending before it, so a loaded machine
    /// cannot time it out; short where the timeout is what is tested.
    static func checks(timeout: Double = 60) -> Expectations {
        Expectations(
            cluster: "platform-prod", rollouts: [.init(service: "auth", ecsName: "prod-auth", image: image, urls: [])],
            timeout: timeout, checksHealth: false)
    }

    /// One describe-services answer per round, in order (the last repeats); task definitions by ARN.
    static func ecs(_ rounds: [String?], stopped: @escaping @Sendable (Int) -> [String] = { _ in [] })
        -> FakeRunner
    {
        let round = Mutex(0)
        return FakeRunner { action in
            let arguments = action.commands[0].arguments
            if arguments.contains("list-tasks") {
                let arns = stopped(round.withLock { $0 }).indices.map {
                    #""arn:aws:ecs:eu-west-1:123456789012:task/platform-prod/t\#($0)""#
                }
                return RunResult(
                    status: .exited(0), stdout: Data(#"{"taskArns": [\#(arns.joined(separator: ","))]}"#.utf8))
            }
            if arguments.contains("describe-tasks") {
                return RunResult(
                    status: .exited(0),
                    stdout: Data(#"{"tasks": [\#(stopped(round.withLock { $0 }).joined(separator: ","))]}"#.utf8))
            }
            if arguments.contains("describe-task-definition") {
                let arn = arguments[arguments.firstIndex(of: "--task-definition")! + 1]
                let image = arn == new ? Self.image : "123456789012.dkr.ecr.eu-west-1.amazonaws.com/auth:0000000"
                return RunResult(
                    status: .exited(0),
                    stdout: Data(#"{"taskDefinition": {"containerDefinitions": [{"image": "\#(image)"}]}}"#.utf8))
            }
            let index = round.withLock { value in
                defer { value += 1 }
                return min(value, rounds.count - 1)
            }
            guard let deployments = rounds[index] else {
                return RunResult(status: .exited(255), tail: ["An error occurred (ThrottlingException)"])
            }
            return RunResult(
                status: .exited(0),
                stdout: Data(
                    (#"{"services": [{"serviceName": "prod-auth", "status": "ACTIVE", "taskDefinition": "\#(new)", "#
                        + #""deployments": [\#(deployments)]}]}"#).utf8))
        }
    }

    static func deployment(_ status: String, _ arn: String, _ state: String, running: Int, failed: Int = 0) -> String {
        #"{"id": "ecs-svc/\#(arn.suffix(1))", "status": "\#(status)", "taskDefinition": "\#(arn)", "#
            + #""rolloutState": "\#(state)", "runningCount": \#(running), "desiredCount": 1, "#
            + #""failedTasks": \#(failed)}"#
    }

    /// A stopped task of `arn` whose one container exited with `code`, `seconds` after a fixed time.
    static func stoppedTask(_ arn: String, exit code: Int, at seconds: Int) -> String {
        #"{"taskArn": "arn:aws:ecs:eu-west-1:123456789012:task/platform-prod/x\#(seconds)", "#
            + #""taskDefinitionArn": "\#(arn)", "#
            + #""stopCode": "EssentialContainerExited", "stoppedReason": "Essential container in task exited", "#
            + #""stoppedAt": "2026-11-29T10:42:\#(10 + seconds).000000+00:00", "#
            + #""containers": [{"name": "app", "exitCode": \#(code)}]}"#
    }

    @Test func threeFailedTasksOfTheNewRevisionFailTheRolloutBeforeECSDoes() async throws {
        let failing = (1...4).map { failed in
            Self.deployment("PRIMARY", Self.new, "IN_PROGRESS", running: 0, failed: failed) + ","
                + Self.deployment("ACTIVE", Self.old, "COMPLETED", running: 1)
        }
        let runner = Self.ecs(failing) { rounds in
            // As many stopped tasks of the new revision as ECS counts, and one of the old revision.
            (0..<min(rounds, 4)).map { Self.stoppedTask(Self.new, exit: 1, at: $0) } + [
                Self.stoppedTask(Self.old, exit: 1, at: 9)
            ]
        }
        let (endings, _) = try await Self.watch(runner)
        guard case .failed(let why, _) = endings["auth"] else {
            Issue.record("not failed: \(String(describing: endings["auth"]))")
            return
        }
        #expect(why.hasPrefix("3 tasks of prod-auth:8 failed, the last: app exited with 1;"), "\(why)")
        #expect(why.contains("(--fail-after 3), while ECS goes on trying on its own"))
        let lists = runner.actions.filter { $0.commands[0].arguments.contains("list-tasks") }
        #expect(lists.count == 3, "the stopped tasks are read only when ECS counts one more failed task")
    }

    @Test func aHealthyRolloutReadsNoTaskAndFailAfterZeroLeavesItToECS() async throws {
        let healthy = Self.ecs([Self.deployment("PRIMARY", Self.new, "COMPLETED", running: 1)])
        _ = try await Self.watch(healthy)
        #expect(!healthy.actions.contains { $0.commands[0].arguments.contains("list-tasks") })

        let failing = Self.deployment("PRIMARY", Self.new, "IN_PROGRESS", running: 0, failed: 5)
        let patient = Self.ecs([failing]) { _ in (0..<5).map { Self.stoppedTask(Self.new, exit: 1, at: $0) } }
        let (endings, _) = try await Self.watch(patient, failAfter: 0, timeout: 0.5)
        #expect(endings["auth"].map { if case .timedOut = $0 { true } else { false } } == true)
        #expect(!patient.actions.contains { $0.commands[0].arguments.contains("list-tasks") })
    }

    static func watch(_ runner: FakeRunner, failAfter: Int = 3, timeout: Double = 60) async throws
        -> ([String: Verification.Rollout], [RolloutProgress])
    {
        let seen = Mutex<[RolloutProgress]>([])
        let watch = RolloutWatch(
            runner: runner, cache: TaskDefinitionCache(file: nil), children: ChildRegistry(), pauses: [0.01],
            settling: 0, failAfter: failAfter)
        let endings = try await watch.watch(checks(timeout: timeout)) { _, progress, _ in
            seen.withLock { $0.append(progress) }
        }
        return (endings.mapValues(\.rollout), seen.withLock { $0 })
    }

    @Test func rollingThenSteadyAcrossRounds() async throws {
        let rolling =
            Self.deployment("PRIMARY", Self.new, "IN_PROGRESS", running: 0) + ","
            + Self.deployment("ACTIVE", Self.old, "COMPLETED", running: 1)
        let (endings, seen) = try await Self.watch(
            Self.ecs([rolling, rolling, Self.deployment("PRIMARY", Self.new, "COMPLETED", running: 1)]))
        guard case .steady(let seconds) = endings["auth"] else {
            Issue.record("not steady: \(String(describing: endings["auth"]))")
            return
        }
        #expect(seconds >= 0)
        #expect(
            seen == [.rolling("0/1 tasks of prod-auth:8, old deployment(s) still running 1 task(s)"), .steady],
            "a change is reported once")
    }

    @Test func aFailedCallIsAskedAgainAndSaysWhy() async throws {
        let (endings, seen) = try await Self.watch(
            Self.ecs([nil, Self.deployment("PRIMARY", Self.new, "COMPLETED", running: 1)]))
        #expect(endings["auth"].map { if case .steady = $0 { true } else { false } } == true)
        guard case .rolling(let why) = seen.first else {
            Issue.record("no progress before steady")
            return
        }
        #expect(why.contains("could not ask ECS") && why.contains("ThrottlingException"))
    }

    @Test func stillRollingAtTheTimeoutEndsTimedOutWithWhatECSSaidLast() async throws {
        let rolling =
            Self.deployment("PRIMARY", Self.new, "IN_PROGRESS", running: 0) + ","
            + Self.deployment("ACTIVE", Self.old, "COMPLETED", running: 1)
        let (endings, _) = try await Self.watch(Self.ecs([rolling]), timeout: 0.5)
        #expect(
            endings["auth"]
                == .timedOut("0/1 tasks of prod-auth:8, old deployment(s) still running 1 task(s)", seconds: 0.5))
    }

    @Test func anInterruptionEndsTheWatch() async throws {
        let children = ChildRegistry()
        children.hold()
        children.interrupt(with: SIGINT)
        let rolling = Self.deployment("PRIMARY", Self.new, "IN_PROGRESS", running: 0)
        let watch = RolloutWatch(
            runner: Self.ecs([rolling]), cache: TaskDefinitionCache(file: nil), children: children, pauses: [5])
        await #expect(throws: DeployError.interrupted(signal: SIGINT)) {
            try await watch.watch(Self.checks()) { _, _, _ in }
        }
    }
}
