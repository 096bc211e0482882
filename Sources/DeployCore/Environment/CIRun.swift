/// The pipeline run a deploy runs in, when it runs in CI: `GITHUB_ACTIONS=true` (a GitHub Actions job, named by its
/// repository, workflow, run, attempt and actor, with the run's URL), or `CI=true` (another CI system). The shared
/// lock and the history carry it, so a colleague refused by the lock, and `deploy history`, name the run.
struct CIRun: Codable, Equatable, Sendable {
    /// `GitHub Actions`, or `CI`.
    var system: String
    var repository: String?
    var workflow: String?
    var runID: String?
    var attempt: String?
    var actor: String?
    /// `<GITHUB_SERVER_URL>/<repository>/actions/runs/<id>`, with `/attempts/<n>` after the first attempt.
    var url: String?

    /// The run in `environment`, when it is CI's.
    static func detect(_ environment: [String: String]) -> CIRun? {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        if value("GITHUB_ACTIONS") == "true" {
            var run = CIRun(
                system: "GitHub Actions", repository: value("GITHUB_REPOSITORY"), workflow: value("GITHUB_WORKFLOW"),
                runID: value("GITHUB_RUN_ID"), attempt: value("GITHUB_RUN_ATTEMPT"), actor: value("GITHUB_ACTOR"))
            if let repository = run.repository, let id = run.runID {
                let server = value("GITHUB_SERVER_URL") ?? "https://github.com"
                let attempt = run.attempt.flatMap { $0 == "1" ? nil : "/attempts/\($0)" } ?? ""
                run.url = "\(server)/\(repository)/actions/runs/\(id)\(attempt)"
            }
            return run
        }
        if let ci = value("CI")?.lowercased(), ci == "true" || ci == "1" { return CIRun(system: "CI") }
        return nil
    }

    var isGitHub: Bool { system == "GitHub Actions" }

    /// `GitHub Actions run 123 (attempt 2) of org/platform, workflow 'deploy', started by alice: <url>`. Whoever wrote
    /// the lock or the record wrote these fields, so each is shown inert.
    var description: String {
        var text = Inert.field(system, limit: 40)
        if let runID { text += " run \(Inert.field(runID, limit: 40))" }
        if let attempt, attempt != "1" { text += " (attempt \(Inert.field(attempt, limit: 10)))" }
        if let repository { text += " of \(Inert.field(repository, limit: 120))" }
        if let workflow { text += ", workflow '\(Inert.field(workflow, limit: 120))'" }
        if let actor { text += ", started by \(Inert.field(actor, limit: 64))" }
        if let url { text += ": \(Inert.field(url, limit: 300))" }
        return text
    }

    /// `alice@actions#123`, for a table's BY column.
    var short: String {
        let who = actor.map { Inert.field($0, limit: 32) } ?? "ci"
        let run = runID.map { "#" + Inert.field($0, limit: 20) } ?? ""
        return "\(who)@\(isGitHub ? "actions" : "ci")\(run)"
    }
}
