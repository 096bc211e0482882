import Foundation
import Testing

@testable import DeployCore

/// The live board a terminal shows: one row per service or SPA, what it does and for how long.
@Suite struct ProgressBoardTests {
    let steps = ScheduleTests.steps
    let now = Date(timeIntervalSince1970: 1000)

    func index(_ label: String) -> Int { steps.firstIndex { $0.label == label }! }

    @Test func oneRowPerServiceWithWhatItDoesAndForHowLong() {
        let lines = ProgressBoard(steps: steps).lines(
            states: [
                index("build deps"): .done(seconds: 4),
                index("build auth"): .done(seconds: 10),
                index("push auth"): .running(since: now.addingTimeInterval(-3)),
                index("build billing"): .failed,
                index("build spa admin-ui"): .done(seconds: 2),
            ], now: now)
        #expect(
            lines == [
                "dependency layer  done 4s",
                "auth              pushing 3s",
                "billing           failed (build)",
                "registry login    queued",
                "admin-ui          waiting",
                "simulator         queued",
                "terraform apply   queued",
            ])
        #expect(lines.allSatisfy { !$0.contains("\u{1B}") })
    }
}
