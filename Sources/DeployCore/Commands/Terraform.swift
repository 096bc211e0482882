import Foundation

/// The terraform commands: reading the environment's outputs and the closing apply.
enum Terraform {
    /// The outputs of the selected workspace, or of `workspace` (through `TF_WORKSPACE`, which selects it for
    /// this command only).
    static func output(directory: String, workspace: String? = nil) -> Command {
        Command(
            "terraform", ["-chdir=\(directory)", "output", "-json"],
            environment: workspace.map { ["TF_WORKSPACE": $0] } ?? [:])
    }

    /// `plan` into `out`, with the global tag; with `imageTags`, also the per-service map and one `-target` per
    /// address, so only those services roll. Exits 0 without changes, 2 with changes (`-detailed-exitcode`).
    static func plan(
        directory: String, varFile: String, imageTag: String, imageTags: [String: String] = [:],
        targets: [String] = [], out: String, color: Bool = true
    ) -> Command {
        var arguments = [
            "-chdir=\(directory)", "plan", "-input=false", "-detailed-exitcode", "-out=\(out)", "-var-file=\(varFile)",
            "-var", "image_tag=\(imageTag)",
        ]
        if !imageTags.isEmpty { arguments += ["-var", "image_tags=\(hclMap(imageTags))"] }
        arguments += targets.map { "-target=\($0)" }
        if !color { arguments.append("-no-color") }
        var command = Command("terraform", arguments, stopsSlowly: true)
        command.okExitCodes = [0, 2]
        return command
    }

    /// The saved plan as JSON: what each resource's change is.
    static func show(directory: String, planFile: String) -> Command {
        Command("terraform", ["-chdir=\(directory)", "show", "-json", planFile])
    }

    /// Applies exactly the saved plan: no question (the operator's `y` covered it), so terraform never needs the
    /// terminal. Its output goes to `log` (an apply must be able to finish if deploy dies); at its timeout
    /// it is asked to stop, and given time to finish what it started and release its state lock.
    static func applyPlan(
        directory: String, planFile: String, color: Bool = true, log: String? = nil, timeout: Double? = nil
    )
        -> Command
    {
        var command = Command(
            "terraform", ["-chdir=\(directory)", "apply", "-input=false"] + (color ? [] : ["-no-color"]) + [planFile],
            stopsSlowly: true)
        command.timeout = timeout.map { Command.Timeout(seconds: $0, grace: 120) }
        command.log = log
        return command
    }

    /// `{"auth":"abc1234","billing":"abc1234"}`: JSON object syntax, which HCL also reads, keys sorted.
    static func hclMap(_ map: [String: String]) -> String {
        JSONText.line(map)
    }
}

extension Terraform {
    static func workspaceShow(directory: String) -> Command {
        Command("terraform", ["-chdir=\(directory)", "workspace", "show"])
    }

    static func version() -> Command { Command("terraform", ["version", "-json"]) }
}
