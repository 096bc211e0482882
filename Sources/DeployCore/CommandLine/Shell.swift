/// The shells `deploy completions` writes a script for.
public enum Shell: String, CaseIterable, Sendable {
    case bash, zsh, fish
}
