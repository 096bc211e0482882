import Testing

@testable import DeployCore

/// A steady service passes only when its tasks run the digest its tag named when this deploy pushed or found it.
@Suite struct DigestJudgeTests {
    static let image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/auth:abc1234"
    static let pushed = "sha256:" + String(repeating: "a", count: 64)
    static let other = "sha256:" + String(repeating: "b", count: 64)

    static func task(_ digest: String?, image: String = image) -> TaskImage {
        TaskImage(task: "t", taskDefinition: "td", container: "app", image: image, digest: digest)
    }

    @Test func tasksRunningThePushedDigestMatch() {
        let tasks = [Self.task(Self.pushed), Self.task(Self.pushed), Self.task(nil, image: "envoy:1")]
        #expect(DigestJudge.judge(expected: Self.pushed, image: Self.image, tasks: tasks) == .matches(Self.pushed))
    }

    @Test func aTaskRunningAnotherImageUnderTheTagDiffersNamingBothDigests() throws {
        let verdict = DigestJudge.judge(
            expected: Self.pushed, image: Self.image, tasks: [Self.task(Self.pushed), Self.task(Self.other)])
        guard case .differs(let why) = verdict else {
            Issue.record("\(verdict)")
            return
        }
        #expect(why.hasPrefix("1 of 2 task(s) run auth:abc1234 as \(Self.other), not \(Self.pushed)"))
        #expect(why.contains("another image was pushed under the same tag"))
    }

    @Test func withoutADigestFromECSNothingIsCompared() {
        #expect(
            DigestJudge.judge(expected: Self.pushed, image: Self.image, tasks: [Self.task(nil)])
                == .unknown("ECS reported no digest for its tasks yet"))
        #expect(
            DigestJudge.judge(expected: Self.pushed, image: Self.image, tasks: [])
                == .unknown("no running task runs \(Self.image)"))
    }
}
