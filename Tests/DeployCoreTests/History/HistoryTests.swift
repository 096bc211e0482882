import Foundation
import Testing

@testable import DeployCore

/// The history file and what `deploy rollback` reads from it.
@Suite struct HistoryTests {
    static func record(
        _ mode: DeployKind, result: DeployResult = .deployed, applied: Bool = true, head: String,
        _ services: [(String, String?)]
    ) -> HistoryRecord {
        HistoryRecord(
            time: "2026-11-26T10:00:00Z", by: .init(arn: "arn:aws:iam::123456789012:user/ops", user: "ops"),
            workspace: "prod",
            account: "123456789012", region: "eu-west-1", head: head, mode: mode, applied: applied,
            services: services.map {
                .init(service: $0.0, tag: head, previousTag: $0.1, rollout: .steady, steadySeconds: 12)
            },
            spas: [], steps: [], result: result, error: nil, seconds: 60)
    }

    @Test func recordsAppendAsLinesAndReadBackInOrder() throws {
        let folder = TemporaryFolder("history")
        let file = HistoryFile(gitDirectory: folder.url, workspace: "prod")
        let first = Self.record(.full, head: "aaaaaaa", [("auth", "0000000")])
        let second = Self.record(.changed, result: .failed, head: "bbbbbbb", [("auth", "aaaaaaa")])
        try file.append(first)
        try file.append(second)
        #expect(file.url.path.hasSuffix("deploy/history-prod.jsonl"))
        #expect(file.records() == [first, second])
        let text = try String(contentsOf: file.url, encoding: .utf8)
        #expect(
            text.split(separator: "\n").count == 2
                && text.contains(#""operator":{"arn":"arn:aws:iam::123456789012:user/ops","user":"ops"}"#))
        #expect(HistoryFile.all(gitDirectory: folder.url).map(\.url) == [file.url])
    }

    @Test func theTableShowsEachDeployWithItsTags() {
        let text = HistoryText.table([Self.record(.full, head: "bbbbbbb", [("auth", "aaaaaaa"), ("billing", nil)])])
        #expect(text.contains("2026-11-26T10:00:00Z  prod       deployed  full  bbbbbbb  ops  1m00s"))
        #expect(text.contains("    auth aaaaaaa → bbbbbbb, billing bbbbbbb"))
        #expect(HistoryText.table([]) == "no deploys recorded yet")
    }

    @Test func oneDeployInFullWithWhyItsRolloutFailed() {
        var record = Self.record(
            .full, result: .failed, head: "bbbbbbb", [("auth", "aaaaaaa"), ("billing", "aaaaaaa")])
        (record.services[0].rollout, record.services[0].steadySeconds) = (.failed, nil)
        record.services[0].diagnosis = RolloutDiagnosis(
            events: ["10:42:07 (service prod-auth) has started 1 tasks"],
            tasks: [
                StoppedTask(
                    id: "t1", taskDefinition: "arn:aws:ecs:eu-west-1:123456789012:task-definition/prod-auth:8",
                    stoppedAt: "2026-11-26T10:42:30Z", stopCode: "EssentialContainerExited", stoppedReason: nil,
                    containers: [.init(name: "app", exitCode: 1, logs: ["Error: boom"])])
            ])
        record.error = "terraform was applied, but the new code is not serving:\n  - auth: the new deployment FAILED"
        let text = HistoryText.record(record).split(separator: "\n").map(String.init)
        #expect(text.first == "2026-11-26T10:00:00Z  prod  failed  full  bbbbbbb")
        #expect(text.contains("services  auth     aaaaaaa → bbbbbbb  failed"))
        #expect(text.contains("          billing  aaaaaaa → bbbbbbb  steady in 12.0s"))
        #expect(text.contains("error     terraform was applied, but the new code is not serving:"))
        #expect(text.contains("why auth did not roll:"))
        #expect(text.contains("    task t1 of prod-auth:8 stopped at 10:42:30: EssentialContainerExited"))
        #expect(text.contains("        | Error: boom"))
    }

    static let history = [
        record(.full, head: "aaaaaaa", [("auth", "0000000"), ("billing", "0000000")]),
        record(.services, head: "bbbbbbb", [("auth", "aaaaaaa"), ("billing", "aaaaaaa")]),
        record(.full, result: .failed, applied: false, head: "ccccccc", [("auth", "bbbbbbb")]),
        record(.rollback, head: "bbbbbbb", [("auth", "bbbbbbb")]),
    ]

    @Test func rollbackDefaultsToTheLastAppliedDeployAndTheTagsBeforeIt() throws {
        #expect(
            try RollbackTargets.resolve(history: Self.history, services: nil, to: nil, live: [:], file: "h") == [
                "auth": "aaaaaaa", "billing": "aaaaaaa",
            ])
        #expect(
            try RollbackTargets.resolve(history: Self.history, services: ["billing"], to: nil, live: [:], file: "h")
                == ["billing": "aaaaaaa"])
        #expect(
            try RollbackTargets.resolve(history: Self.history, services: nil, to: "0000000", live: [:], file: "h") == [
                "auth": "0000000", "billing": "0000000",
            ])
    }

    @Test func aDeployThatFailedAfterItsApplyIsTheOneUndone() throws {
        let failed = Self.history + [Self.record(.changed, result: .failed, head: "ddddddd", [("billing", "bbbbbbb")])]
        #expect(
            try RollbackTargets.resolve(history: failed, services: nil, to: nil, live: [:], file: "h") == [
                "billing": "bbbbbbb"
            ])
    }

    @Test func aDeployFromElsewhereSinceTheRecordedOneIsNotUndoneBlindly() throws {
        let live = ["auth": "fffffff", "billing": "bbbbbbb"]
        #expect(
            throws: DeployError.refused(
                "auth runs fffffff, but the last deploy recorded in this clone (2026-11-26T10:00:00Z) set bbbbbbb: "
                    + "it was deployed since from elsewhere, so its earlier tag is unknown here; pass --to <sha>"
            )
        ) {
            try RollbackTargets.resolve(history: Self.history, services: nil, to: nil, live: live, file: "h")
        }
        let rolledBackByECS = ["auth": "aaaaaaa", "billing": "bbbbbbb"]
        #expect(
            try RollbackTargets.resolve(history: Self.history, services: nil, to: nil, live: rolledBackByECS, file: "h")
                == ["auth": "aaaaaaa", "billing": "aaaaaaa"])
        #expect(
            try RollbackTargets.resolve(history: Self.history, services: nil, to: "0000000", live: live, file: "h")
                .count == 2)
    }

    @Test func aSecondRollbackDoesNotRepeatTheFirst() throws {
        var history = Self.history
        history.removeLast()
        history.append(
            Self.record(.rollback, head: "bbbbbbb", [("auth", "bbbbbbb"), ("billing", "bbbbbbb")]).with(tag: "aaaaaaa"))
        #expect(
            throws: DeployError.refused(
                "already rolled back to these tags (2026-11-26T10:00:00Z); nothing to do. To go further back, pass "
                    + "--to <sha> (see deploy history)"
            )
        ) {
            try RollbackTargets.resolve(history: history, services: nil, to: nil, live: [:], file: "h")
        }
        #expect(
            try RollbackTargets.resolve(history: history, services: nil, to: "0000000", live: [:], file: "h").count == 2
        )
    }

    @Test func rollbackWithoutAKnownTagAsksForTo() {
        #expect(throws: DeployError.self) {
            try RollbackTargets.resolve(history: [], services: nil, to: nil, live: [:], file: "h")
        }
        #expect(
            throws: DeployError.refused(
                "notifications was not rolled by the last deploy (2026-11-26T10:00:00Z, bbbbbbb): pass --to <sha> to "
                    + "pick its tag"
            )
        ) {
            try RollbackTargets.resolve(
                history: Self.history, services: ["notifications"], to: nil, live: [:], file: "h")
        }
        let unknown = [Self.record(.full, head: "aaaaaaa", [("auth", nil)])]
        #expect(
            throws: DeployError.refused(
                "the tag auth ran before the last deploy (2026-11-26T10:00:00Z) is not recorded: pass --to <sha> "
                    + "(see deploy history)"
            )
        ) {
            try RollbackTargets.resolve(history: unknown, services: nil, to: nil, live: [:], file: "h")
        }
    }

    @Test func aRollbackRefusesATagNotInECRAndTheOneAfterAFailureSaysNothingWasRolledBack() {
        #expect(RollbackTargets.missingRefusal([], recovering: false) == nil)
        #expect(
            RollbackTargets.missingRefusal(["auth:0ld0ld0", "billing:0ld0ld0"], recovering: false)
                == .refused(
                    "not rolling back: auth:0ld0ld0, billing:0ld0ld0 not in ECR, and a rollback never builds; nothing "
                        + "was changed. Pick a tag that deploy history shows as deployed"))
        #expect(
            RollbackTargets.missingRefusal(["auth:0ld0ld0"], recovering: true)
                == .refused("auth:0ld0ld0 not in ECR, and a rollback never builds; nothing was rolled back"))
    }

    @Test func rollbackAndHistoryTakeOnlyTheirFlags() throws {
        let options = try Request.rollbackOptions(
            ["rollback", "--var-file", "prod.tfvars", "--to", "abc1234", "--services", "auth"])
        let release = options.release
        #expect(
            release.mode == .rollback && options.to == "abc1234" && release.services == ["auth"] && release.rollsSubset
                && !release.shipsSPAs)
        #expect(throws: DeployError.usage("--builder is not used by deploy rollback; see deploy rollback --help")) {
            try Request.parse(["rollback", "--var-file", "p.tfvars", "--builder", "b"], environment: [:])
        }
        #expect(
            throws: DeployError.usage(
                "deploy rollback needs --var-file: for example deploy rollback --var-file tfvars/sandbox.tfvars")
        ) {
            try Request.parse(["rollback"], environment: [:])
        }
        #expect(throws: DeployError.usage("--to is only used by deploy rollback; see deploy rollback --help")) {
            try Request.parse(["--var-file", "p.tfvars", "--to", "abc1234"], environment: [:])
        }
        #expect(
            try Request.invocation(["history", "--limit", "5", "--workspace", "prod"])
                == .history(HistoryOptions(target: TargetOptions(workspace: "prod"), limit: 5)))
    }
}

extension HistoryRecord {
    /// The same record with every service at `tag`.
    func with(tag: String) -> HistoryRecord {
        var copy = self
        for index in copy.services.indices { copy.services[index].tag = tag }
        return copy
    }
}
