/// skopeo: images copied from one registry to another without a local engine (`deploy promote`). Its registry
/// logins go to authentication files of the run's own (in its private docker configuration folder), the passwords
/// through a pipe.
enum Skopeo {
    static func login(registry host: String, authfile: String) -> Command {
        Command("skopeo", ["login", "--authfile", authfile, "--username", "AWS", "--password-stdin", host])
    }

    /// The image at `source` to `target`, its manifest and so its digest unchanged (an index with every image it
    /// lists, as `buildx --push` makes: `--all`); only the layers the target lacks travel.
    static func copy(_ source: String, to target: String, sourceAuth: String, targetAuth: String) -> Command {
        Command(
            "skopeo",
            [
                "copy", "--all", "--preserve-digests", "--retry-times", "3", "--src-authfile", sourceAuth,
                "--dest-authfile",
                targetAuth, "docker://\(source)", "docker://\(target)",
            ])
    }
}
