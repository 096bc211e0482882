import Testing

@testable import DeployCore

/// What `--rollback-on-failure` rolls back, and to what.
@Suite struct RecoveryTargetsTests {
    static func verification(_ service: String, passed: Bool) -> Verification {
        Verification(service: service, rollout: passed ? .steady(seconds: 1) : .failed("crashed", seconds: 9))
    }

    @Test(
        arguments: [
            (["auth": false, "billing": true], ["auth": "0ld0ld0", "billing": "0ld0ld0"], "auth to 0ld0ld0"),
            (
                ["auth": false, "billing": false], ["auth": "0ld0ld0", "billing": "1ld1ld1"],
                "auth to 0ld0ld0, billing to 1ld1ld1"
            ),
            (["auth": false], [:], nil),
            (["auth": false, "billing": false], ["billing": "1ld1ld1"], nil),
        ] as [([String: Bool], [String: String], String?)])
    func eachFailedServiceGoesBackToWhatItRanUnlessThatIsUnknown(
        passed: [String: Bool], previous: [String: String], named: String?
    ) {
        let verifications = passed.keys.sorted().map { Self.verification($0, passed: passed[$0]!) }
        switch RecoveryTargets.resolve(verifications, previous: previous) {
        case .success(let plan):
            #expect(plan.named == named)
            #expect(Set(plan.targets.keys) == Set(passed.filter { !$0.value }.keys))
        case .failure(let refusal):
            #expect(named == nil)
            #expect(refusal.message.hasPrefix("what ECS ran before this deploy is not known for auth"))
            #expect(refusal.message.hasSuffix("pick a tag with deploy rollback --to <sha> (see deploy history)"))
        }
    }
}
