/// The pnpm commands: building an SPA from the workspace root.
enum Pnpm {
    static func build(_ package: String) -> Command {
        Command("pnpm", ["--filter", package, "build"])
    }
}
