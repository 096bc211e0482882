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

    /// `apply` with the global tag; with `imageTags`, also the per-service map and one `-target` per address,
    /// so only those services roll. Without `autoApprove`, terraform asks the operator itself.
    static func apply(
        directory: String, varFile: String, imageTag: String,
        imageTags: [String: String] = [:], targets: [String] = [],
        autoApprove: Bool, color: Bool = true, log: String? = nil, timeout: Double? = nil
    ) -> Command {
        var arguments = ["-chdir=\(directory)", "apply", "-var-file=\(varFile)", "-var", "image_tag=\(imageTag)"]
        if !imageTags.isEmpty { arguments += ["-var", "image_tags=\(hclMap(imageTags))"] }
        arguments += targets.map { "-target=\($0)" }
        if autoApprove { arguments += ["-auto-approve", "-input=false"] }
        if !color { arguments.append("-no-color") }
        var command = Command("terraform", arguments, input: autoApprove ? .none : .terminal, stopsSlowly: true)
        // Asked to stop at its timeout, terraform gets time to finish what it started and release its state lock.
        command.timeout = timeout.map { Command.Timeout(seconds: $0, grace: 120) }
        command.log = autoApprove ? log : nil
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
