/// The health checks' one command: the HTTP status of a GET, printed on stdout.
enum Curl {
    /// Prints the final status code (`000` when nothing answered); redirects are followed, only http(s).
    static func status(_ url: String, timeoutSeconds: Int = 10) -> Command {
        Command(
            "curl",
            [
                "--silent", "--show-error", "--location", "--proto", "=http,https", "--max-time",
                String(timeoutSeconds),
                "--output", "/dev/null", "--write-out", "%{http_code}", url,
            ])
    }
}
