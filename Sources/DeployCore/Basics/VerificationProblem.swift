/// One rolled service that is not serving: the line that says so, and why (ECS's events, the stopped tasks,
/// their last log lines), printed indented under it.
struct VerificationProblem: Equatable, Sendable {
    var line: String
    var why: [String] = []

    var text: String { ([line] + why.map { "    " + $0 }).joined(separator: "\n") }
}
