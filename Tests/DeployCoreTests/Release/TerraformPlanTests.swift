import Foundation
import Testing

@testable import DeployCore

/// What a saved plan changes, read from `terraform show -json` as the sandbox's terraform printed it.
@Suite struct TerraformPlanTests {
    static let templates = [
        "module.service[\"{service}\"].terraform_data.task_definition",
        "module.service[\"{service}\"].terraform_data.service",
    ]

    static func fixture(_ name: String) throws -> TerraformPlan {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/\(name).json")
        return try TerraformPlan(showJSON: try Data(contentsOf: file))
    }

    static func release(_ templates: [String] = templates) throws -> Release {
        var release = try ReleaseStepsTests.release(["--var-file", "prod.tfvars", "--profile", "p"])
        release.targetTemplates = templates
        return release
    }

    @Test func aRollOfOneServiceReplacesItsTaskDefinitionAndUpdatesItsService() throws {
        let plan = try Self.fixture("plan-rolls-auth")
        #expect(
            plan.changes == [
                .init(address: "module.service[\"auth\"].terraform_data.service", action: .update),
                .init(address: "module.service[\"auth\"].terraform_data.task_definition", action: .replace),
            ])
        #expect(plan.unexpectedDestroys(templates: Self.templates).isEmpty, "a new revision replaces the old by design")
        #expect(
            TerraformPlanText.lines(plan, try Self.release()) == [
                "Plan      1 to replace, 1 to update",
                "          module.service[\"*\"].terraform_data.task_definition  -/+ replace 1 (auth)",
                "          module.service[\"*\"].terraform_data.service  ~ update 1 (auth)",
                "          nothing else changes",
            ])
    }

    @Test func anotherResourceIsListedByAddressAndItsDestroyIsUnexpected() throws {
        let plan = try Self.fixture("plan-creates-and-destroys")
        #expect(plan.counts == [.create: 6, .destroy: 1])
        #expect(
            plan.unexpectedDestroys(templates: Self.templates) == [
                .init(address: "terraform_data.extra", action: .destroy)
            ])
        let lines = TerraformPlanText.lines(plan, try Self.release())
        #expect(lines.first == "Plan      6 to create, 1 to destroy")
        #expect(
            lines.contains(
                "          module.service[\"*\"].terraform_data.task_definition  + create 3 (auth, clinical-api, "
                    + "patient-api)"
            ))
        #expect(lines.last == "          - destroy  terraform_data.extra")
        let document = TerraformPlanText.document(plan)
        #expect(document.counts == ["create": 6, "destroy": 1] && document.changes.count == 7)
    }

    @Test func replacingAServiceItselfIsUnexpected() {
        let plan = TerraformPlan(changes: [
            .init(address: "module.service[\"auth\"].terraform_data.service", action: .replace),
            .init(address: "module.service[\"auth\"].terraform_data.task_definition", action: .replace),
        ])
        #expect(
            plan.unexpectedDestroys(templates: Self.templates).map(\.address) == [
                "module.service[\"auth\"].terraform_data.service"
            ])
    }

    @Test func noChangesIsSaidAsSuch() throws {
        let plan = TerraformPlan(changes: [])
        #expect(!plan.hasChanges)
        #expect(
            TerraformPlanText.lines(plan, try Self.release()) == [
                "Plan      no changes: nothing to apply, no rollout to watch (the health URLs are still asked)"
            ])
        #expect(TerraformPlan.action(["no-op"]) == nil && TerraformPlan.action(["create", "delete"]) == .replace)
    }
}
