import Foundation

/// The docker CLI's configuration a deploy runs with: a private copy, made for the deploy and removed after it, so
/// that the registry's login (a 12-hour ECR token) never lands in the operator's own `~/.docker/config.json`. The
/// copy keeps the operator's settings (config.json without its logins) and links what the CLI finds beside it (the
/// buildx builders, the contexts, the CLI plugins), so a remote builder or a context still works.
enum DockerConfig {
    /// What docker login says of a password stored in the copy, which is the deploy's own and goes with it.
    static func unsaid(_ folder: String) -> [String] {
        [
            "WARNING! Your password will be stored unencrypted in \(folder)",
            "Configure a credential helper to remove this warning",
            "https://docs.docker.com/engine/reference/commandline/login/#credentials-store",
        ]
    }

    /// A private copy of the operator's docker configuration (`DOCKER_CONFIG`, else `~/.docker`); nil when none
    /// could be made (then the operator's own is used, as without deploy).
    static func privateCopy(environment: [String: String]) -> URL? {
        let own =
            environment["DOCKER_CONFIG"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".docker")
        let copy = DeployFolder.scratch("docker-\(getpid())")
        let fm = FileManager.default
        var settings =
            (try? JSONSerialization.jsonObject(with: Data(contentsOf: own.appendingPathComponent("config.json"))))
            as? [String: Any] ?? [:]
        settings["auths"] = nil
        guard let data = try? JSONSerialization.data(withJSONObject: settings),
            fm.createFile(
                atPath: copy.appendingPathComponent("config.json").path, contents: data,
                attributes: [.posixPermissions: 0o600])
        else { return nil }
        for name in ["buildx", "contexts", "cli-plugins"] where FileKind.of(own.appendingPathComponent(name)) == .folder
        {
            try? fm.createSymbolicLink(
                at: copy.appendingPathComponent(name), withDestinationURL: own.appendingPathComponent(name))
        }
        return copy
    }

    /// Removes a copy, and the login in it.
    static func remove(_ copy: URL?) {
        if let copy { try? FileManager.default.removeItem(at: copy) }
    }
}
