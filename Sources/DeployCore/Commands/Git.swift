/// The git commands `deploy` runs. All read-only.
public enum Git {
    /// The repository's top folder, from anywhere inside it.
    public static func topLevel() -> Command {
        Command("git", ["rev-parse", "--show-toplevel"])
    }

    /// The image tag: the short SHA of HEAD.
    public static func shortHead() -> Command {
        Command("git", ["rev-parse", "--short", "HEAD"])
    }
}
