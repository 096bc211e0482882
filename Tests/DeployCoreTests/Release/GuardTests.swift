import Testing

@testable import DeployCore

/// The refusals a deploy makes before anything changes, as pure decisions: what may be destroyed, what may roll.
@Suite struct GuardTests {
    static let templates = [
        "module.service[\"{service}\"].aws_ecs_task_definition.this",
        "module.service[\"{service}\"].aws_ecs_service.this",
    ]

    static func plan(_ changes: [(String, TerraformPlan.Action)]) -> TerraformPlan {
        TerraformPlan(changes: changes.map { TerraformPlan.Change(address: $0.0, action: $0.1) })
    }

    @Test(
        arguments: [
            // A new task definition revision replaces the old one by design.
            ([("module.service[\"auth\"].aws_ecs_task_definition.this", TerraformPlan.Action.replace)], false, nil),
            ([("module.service[\"auth\"].aws_ecs_service.this", .update)], false, nil),
            ([("module.service[\"auth\"].aws_ecs_service.this", .replace)], false, "replace module.service[\"auth\"]"),
            ([("aws_s3_bucket.assets", .destroy)], false, "destroy aws_s3_bucket.assets"),
            ([("aws_s3_bucket.assets", .destroy)], true, nil),
            ([("aws_s3_bucket.assets", .create)], false, nil),
        ] as [([(String, TerraformPlan.Action)], Bool, String?)])
    func aDestroyBeyondATaskDefinitionIsRefusedUnlessAllowed(
        changes: [(String, TerraformPlan.Action)], allowDestroy: Bool, named: String?
    ) {
        let refusal = DestroyGuard.refusal(Self.plan(changes), templates: Self.templates, allowDestroy: allowDestroy)
        guard let named else {
            #expect(refusal == nil)
            return
        }
        guard case .refused(let message) = refusal else {
            Issue.record("not refused: \(String(describing: refusal))")
            return
        }
        #expect(message.hasPrefix("terraform's plan would \(named)"))
        #expect(message.hasSuffix("so nothing is applied. If that is meant, pass --allow-destroy"))
    }

    static func change(_ service: String, _ action: ServiceChange.Action, rollsBack: Bool = false) -> ServiceChange {
        var change = ServiceChange(
            service: service, liveTag: "0ld0ld0", behind: 1, action: action,
            reason: action == .held ? "rolled back from abc1234 by ops at t, and HEAD has nothing new" : "why")
        change.rollsBack = rollsBack
        return change
    }

    @Test(
        arguments: [
            ([change("auth", .deploy)], false, false, nil),
            ([change("auth", .deploy, rollsBack: true)], false, false, "auth: why. Check out the newer commit"),
            ([change("auth", .deploy, rollsBack: true)], true, false, nil),
            ([change("auth", .held)], false, false, "not deploying what was rolled back: auth was rolled back from"),
            ([change("auth", .held)], false, true, nil),
            ([change("auth", .held), change("billing", .deploy, rollsBack: true)], false, true, "billing: why."),
        ] as [([ServiceChange], Bool, Bool, String?)])
    func aServiceIsNotRolledBackNorShippedAgainUnlessAllowed(
        changes: [ServiceChange], allowRollback: Bool, allowRedeploy: Bool, starts: String?
    ) {
        let refusal = RollGuard.refusal(changes, allowRollback: allowRollback, allowRedeploy: allowRedeploy)
        guard let starts else {
            #expect(refusal == nil)
            return
        }
        guard case .refused(let message) = refusal else {
            Issue.record("not refused: \(String(describing: refusal))")
            return
        }
        #expect(message.hasPrefix(starts))
    }

    @Test func changedDeploysWhatChangedAndAHeldServiceOnlyWhenAllowed() {
        let changes = [Self.change("auth", .skip), Self.change("billing", .deploy), Self.change("reporting", .held)]
        #expect(RollGuard.deploying(changes, allowRedeploy: false).map(\.service) == ["billing"])
        #expect(RollGuard.deploying(changes, allowRedeploy: true).map(\.service) == ["billing", "reporting"])
        var unknown = Self.change("notes", .deploy)
        unknown.liveTag = nil
        #expect(
            RollGuard.liveTags(changes + [unknown]) == [
                "auth": "0ld0ld0", "billing": "0ld0ld0", "reporting": "0ld0ld0",
            ])
    }
}
