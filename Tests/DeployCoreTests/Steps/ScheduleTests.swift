import Foundation
import Testing

@testable import DeployCore

/// When each step may start: the runbook's order as a graph, and the limits the flags set.
@Suite struct ScheduleTests {
    static let steps = try! ReleaseStepsTests.release(["--var-file", "prod.tfvars", "--profile", "p"]).steps

    /// Each step of a full deploy and the steps that must have succeeded before it starts, as a table.
    @Test func prerequisitesFollowTheRunbooksOrder() throws {
        var release = try ReleaseStepsTests.release(["--var-file", "prod.tfvars", "--profile", "p", "-y"])
        release.images[0].inRegistry = true
        var pinned = release.images[0]
        (pinned.service, pinned.tag) = ("auth", "0ld0ld0")
        release.pinned = [pinned]
        let steps = release.steps
        let r = ReleaseStepsTests.registry
        let image = ["build billing", "push billing"]
        let uploads = ["upload admin-ui", "upload simulator"]
        let expected: [String: [String]] = [
            "plan": [], "build deps": [], "build billing": ["build deps"], "login \(r)": [],
            "push billing": ["build billing", "login \(r)"], "build spa admin-ui": [], "build spa simulator": [],
            "upload admin-ui": ["build spa admin-ui", "build spa simulator"] + image,
            "upload simulator": ["build spa admin-ui", "build spa simulator"] + image,
            "invalidate admin-ui": image + uploads, "invalidate simulator": image + uploads,
            "mark admin-ui": ["invalidate admin-ui"], "mark simulator": ["invalidate simulator"],
            "check auth": [], "apply": steps.dropLast().map(\.label),
        ]
        let prerequisites = Schedule.prerequisites(of: steps)
        #expect(Set(expected.keys) == Set(steps.map(\.label)))
        for (index, step) in steps.enumerated() {
            #expect(
                Set(prerequisites[index].map { steps[$0].label }) == Set(expected[step.label] ?? ["?"]),
                "\(step.label)")
        }
    }

    @Test func flagsSetTheLimits() throws {
        let limited = try Request.deployOptions(["--skip-tf", "--jobs", "3", "--push-jobs", "2"])
        #expect(limited.settings.concurrency == Concurrency(jobs: 3, pushJobs: 2))
        let serial = try Request.deployOptions(["--skip-tf", "--jobs", "1"])
        #expect(serial.settings.concurrency == .serial)
        #expect(throws: DeployError.usage("--jobs takes a whole number from 1 to 64, such as --jobs 4")) {
            try Request.parse(["--skip-tf", "--jobs", "0"], environment: [:])
        }
    }
}
