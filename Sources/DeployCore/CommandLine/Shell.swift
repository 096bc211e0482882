/// The shells `deploy completions` writes a script for.
enum Shell: String, CaseIterable, Sendable {
    case bash, zsh, fish
}
