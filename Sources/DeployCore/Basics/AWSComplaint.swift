/// What the aws CLI's complaints mean, when deploy must tell one from another. Pure.
enum AWSComplaint {
    /// The endpoint named in a "could not connect" complaint (the network, not the credentials); nil for any
    /// other complaint.
    static func unreachable(_ output: [String]) -> String? {
        let marks = [
            "Could not connect to the endpoint URL", "Connect timeout on endpoint URL", "EndpointConnectionError",
        ]
        guard let line = output.last(where: { line in marks.contains(where: line.contains) }) else { return nil }
        let quoted = line.split(separator: "\"", omittingEmptySubsequences: false)
        return quoted.count >= 3 ? String(quoted[1]) : "(named by the profile)"
    }

    /// The line saying the credentials' session is over (an expired token: a CI job's OIDC session, an SSO login),
    /// which no retry mends; nil for any other complaint.
    static func expiredSession(_ output: [String]) -> String? {
        let marks = [
            "ExpiredToken", "The security token included in the request is expired", "Token has expired",
            "The SSO session associated with this profile has expired", "RequestExpired",
        ]
        return output.last { line in marks.contains(where: line.contains) }
    }
}
