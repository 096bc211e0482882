/// The docker commands: the shared dependency layer, one image per service, login and push.
public enum Docker {
    /// Builds the dependency layer every service image reuses, once per deploy.
    public static func buildDependencies(dockerfile: String, image: String) -> Command {
        Command("docker", ["build", "-f", dockerfile, "--target", "deps",
                           "--build-arg", "PUPPETEER_SKIP_DOWNLOAD=true", "-t", image, "."])
    }

    public static func buildService(_ service: String, dockerfile: String, image: String) -> Command {
        Command("docker", ["build", "-f", dockerfile, "--build-arg", "SERVICE=\(service)",
                           "--build-arg", "PUPPETEER_SKIP_DOWNLOAD=true", "-t", image, "."])
    }

    public static func push(_ image: String) -> Command {
        Command("docker", ["push", image])
    }

    /// Reads the password from standard input, never from argv.
    public static func login(registry host: String) -> Command {
        Command("docker", ["login", "--username", "AWS", "--password-stdin", host])
    }
}

extension Docker {
    public static func version() -> Command { Command("docker", ["--version"]) }

    /// The build cache. Never volumes: they hold local dev databases.
    public static func pruneBuildCache() -> Command { Command("docker", ["builder", "prune", "-af"]) }

    /// Images no container uses, such as old SHA-tagged builds.
    public static func pruneImages() -> Command { Command("docker", ["image", "prune", "-af"]) }
}
