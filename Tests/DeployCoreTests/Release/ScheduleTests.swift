import Foundation
import Testing

@testable import DeployCore

/// When each step may start: the runbook's order as a graph, and the limits the flags set.
@Suite struct ScheduleTests {
    static let steps = try! ReleaseStepsTests.release(["--var-file", "prod.tfvars", "--profile", "p", "-y"]).steps

    /// Each step of a full deploy and the steps that must have succeeded before it starts, as a table.
    @Test func prerequisitesFollowTheRunbooksOrder() {
        let r = ReleaseStepsTests.registry
        let builds = ["build auth", "build billing"]
        let pushes = ["push auth", "push billing"]
        let images = builds + pushes
        let uploads = ["upload admin-ui", "upload simulator"]
        let expected: [String: [String]] = [
            "build deps": [], "build auth": ["build deps"], "build billing": ["build deps"], "login \(r)": [],
            "push auth": ["build auth", "login \(r)"], "push billing": ["build billing", "login \(r)"],
            "build spa admin-ui": [], "build spa simulator": [],
            "upload admin-ui": ["build spa admin-ui", "build spa simulator"] + images,
            "upload simulator": ["build spa admin-ui", "build spa simulator"] + images,
            "invalidate admin-ui": images + uploads, "invalidate simulator": images + uploads,
            "mark admin-ui": ["invalidate admin-ui"], "mark simulator": ["invalidate simulator"],
            "check auth": images + uploads, "check billing": images + uploads,
            "apply": Self.steps.dropLast().map(\.label),
        ]
        let prerequisites = Schedule.prerequisites(of: Self.steps)
        #expect(Set(expected.keys) == Set(Self.steps.map(\.label)))
        for (index, step) in Self.steps.enumerated() {
            #expect(
                Set(prerequisites[index].map { Self.steps[$0].label }) == Set(expected[step.label] ?? ["?"]),
                "\(step.label)")
        }
    }

    @Test func flagsSetTheLimits() throws {
        guard
            case .deploy(let plan) = try DeployPlan.parse(
                ["--skip-tf", "--jobs", "3", "--push-jobs", "2"], environment: [:])
        else { return }
        #expect(plan.concurrency == Concurrency(jobs: 3, pushJobs: 2))
        guard case .deploy(let serial) = try DeployPlan.parse(["--skip-tf", "--jobs", "1"], environment: [:]) else {
            return
        }
        #expect(serial.concurrency == .serial)
        #expect(throws: DeployError.usage("--jobs takes a whole number from 1 to 64, such as --jobs 4")) {
            try DeployPlan.parse(["--skip-tf", "--jobs", "0"], environment: [:])
        }
    }
}
