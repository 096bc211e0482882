/// Whether a saved plan may be applied as it is: a destroy or replace of anything but a service's task definition
/// (a new revision replaces the old one by design) is refused unless `--allow-destroy`, naming the addresses. Pure.
enum DestroyGuard {
    static func refusal(_ plan: TerraformPlan, templates: [String], allowDestroy: Bool) -> DeployError? {
        let destroys = plan.unexpectedDestroys(templates: templates)
        guard !destroys.isEmpty && !allowDestroy else { return nil }
        return .refused(
            "terraform's plan would "
                + destroys.map { "\($0.action.rawValue) \($0.address)" }.joined(separator: ", ")
                + " (more than a service's task definition), so nothing is applied. If that is meant, pass "
                + "--allow-destroy")
    }
}
