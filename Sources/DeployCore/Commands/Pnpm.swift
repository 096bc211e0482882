/// The pnpm commands: building an SPA from the workspace root.
public enum Pnpm {
    public static func build(_ package: String) -> Command {
        Command("pnpm", ["--filter", package, "build"])
    }
}
