/// The words a completion script asks `deploy completions --list <kind>` for.
enum CompletionList: String, CaseIterable, Sendable {
    case services, profiles
    case varFiles = "var-files"
}
