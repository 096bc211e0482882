/// The docker commands: the shared dependency layer, one image per service, login and push.
enum Docker {
    /// Builds the dependency layer every service image reuses, once per deploy.
    static func buildDependencies(dockerfile: String, image: String) -> Command {
        Command(
            "docker",
            [
                "build", "-f", dockerfile, "--target", "deps",
                "--build-arg", "PUPPETEER_SKIP_DOWNLOAD=true", "-t", image, ".",
            ])
    }

    static func buildService(_ service: String, dockerfile: String, image: String) -> Command {
        Command(
            "docker",
            [
                "build", "-f", dockerfile, "--build-arg", "SERVICE=\(service)",
                "--build-arg", "PUPPETEER_SKIP_DOWNLOAD=true", "-t", image, ".",
            ])
    }

    static func push(_ image: String) -> Command {
        Command("docker", ["push", image])
    }

    /// Reads the password from standard input, never from argv.
    static func login(registry host: String) -> Command {
        Command("docker", ["login", "--username", "AWS", "--password-stdin", host])
    }
}

extension Docker {
    /// The build cache. Never volumes: they hold local dev databases.
    static func pruneBuildCache() -> Command { Command("docker", ["builder", "prune", "-af"]) }

    /// Images no container uses, such as old SHA-tagged builds.
    static func pruneImages() -> Command { Command("docker", ["image", "prune", "-af"]) }

    /// Prints the engine's version; when nothing answers, docker says why on stderr ("Cannot connect to the Docker
    /// daemon at ..."), which `docker info --format` replaces by a template error on docker 20.10.
    static func engineVersion() -> Command {
        Command("docker", ["version", "--format", "{{.Server.Version}}"])
    }
}

/// A remote build engine (a BuildKit builder, in Kubernetes or a cloud): `docker buildx build --builder`,
/// pushing from the builder so layers never travel through the operator's machine, with a registry layer
/// cache that every operator and CI share.
struct Buildx: Equatable, Sendable {
    var builder: String
    /// A repository for the layer cache, such as `123456789012.dkr.ecr.eu-west-1.amazonaws.com/build-cache`.
    var cache: String?

    func buildDependencies(dockerfile: String) -> Command {
        Command(
            "docker",
            [
                "buildx", "build", "--builder", builder, "-f", dockerfile, "--target", "deps",
                "--build-arg", "PUPPETEER_SKIP_DOWNLOAD=true",
            ] + cacheFrom("deps") + cacheTo("deps") + ["."])
    }

    /// Builds and pushes in one: the image goes from the builder straight to the registry.
    func buildAndPush(_ service: String, dockerfile: String, image: String) -> Command {
        Command(
            "docker",
            [
                "buildx", "build", "--builder", builder, "-f", dockerfile, "--build-arg", "SERVICE=\(service)",
                "--build-arg", "PUPPETEER_SKIP_DOWNLOAD=true",
            ] + cacheFrom("deps") + cacheFrom(service) + cacheTo(service)
                + ["-t", image, "--push", "."])
    }

    private func cacheFrom(_ key: String) -> [String] {
        cache.map { ["--cache-from", "type=registry,ref=\($0):\(key)"] } ?? []
    }

    private func cacheTo(_ key: String) -> [String] {
        cache.map { ["--cache-to", "type=registry,ref=\($0):\(key),mode=max"] } ?? []
    }
}
