/// Expectations for names that come from flags, files and terraform outputs before they go into any argv.
/// Argv arrays rule out shell injection; these rule out a name that a tool would read as an option.
enum Names {
    /// `^[a-z0-9][a-z0-9-]*$`, as the platform contract says.
    static func isServiceName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, isLowerAlnum(first) else { return false }
        return name.unicodeScalars.allSatisfy { isLowerAlnum($0) || $0 == "-" }
    }

    static func isWorkspaceName(_ name: String) -> Bool {
        matches(name, first: { isAlnum($0) }, rest: { isAlnum($0) || "_-.".unicodeScalars.contains($0) })
    }

    static func isProfileName(_ name: String) -> Bool {
        matches(name, first: { isAlnum($0) }, rest: { isAlnum($0) || "_.@+-/".unicodeScalars.contains($0) })
    }

    /// S3 bucket names: lower-case letters, digits, '.', '-'; 3 to 63 long.
    static func isBucketName(_ name: String) -> Bool {
        (3...63).contains(name.count)
            && matches(name, first: { isLowerAlnum($0) }, rest: { isLowerAlnum($0) || $0 == "." || $0 == "-" })
    }

    /// CloudFront distribution ids: upper-case letters and digits.
    static func isDistributionID(_ id: String) -> Bool {
        matches(id, first: { isUpperAlnum($0) }, rest: { isUpperAlnum($0) })
    }

    /// The repository's name inside its registry: `123456789012.dkr.ecr.eu-west-1.amazonaws.com/auth` → `auth`.
    static func repositoryName(of url: String) -> String { String(url.drop { $0 != "/" }.dropFirst()) }

    /// `host[:port]/path` of an image repository, such as `123456789012.dkr.ecr.eu-west-1.amazonaws.com/auth`.
    static func isRepositoryURL(_ url: String) -> Bool {
        let parts = url.split(separator: "/", maxSplits: 1)
        guard parts.count == 2 else { return false }
        let host = String(parts[0])
        let path = String(parts[1])
        return matches(
            host, first: { isLowerAlnum($0) }, rest: { isLowerAlnum($0) || ".-:".unicodeScalars.contains($0) })
            && matches(
                path, first: { isLowerAlnum($0) }, rest: { isLowerAlnum($0) || "._/-".unicodeScalars.contains($0) })
    }

    /// The region of an ECR registry host, `<12-digit account>.dkr.ecr.<region>.amazonaws.com(.cn)`, or nil
    /// for any other host: the registry password is only ever handed to ECR itself.
    static func ecrRegion(ofRegistry host: String) -> String? {
        let labels = host.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let suffixOK =
            labels.count == 6
            ? labels[4...] == ["amazonaws", "com"] : labels.count == 7 && labels[4...] == ["amazonaws", "com", "cn"]
        guard suffixOK, labels[0].count == 12, labels[0].allSatisfy(\.isASCIIDigit),
            labels[1] == "dkr", labels[2] == "ecr", isServiceName(labels[3])
        else { return nil }
        return labels[3]
    }

    /// A URL path for the API: starts with `/`, no spaces, query, fragment or `..`, no trailing `/`.
    static func isURLPath(_ text: String) -> Bool {
        text.hasPrefix("/") && text.count > 1 && !text.hasSuffix("/") && !text.contains("..")
            && text.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 32 && !"?#\\\"".unicodeScalars.contains($0) }
    }

    /// `https://api.example.com` or `http://127.0.0.1:8080/base`: what `api_base_url` may be.
    static func isBaseURL(_ text: String) -> Bool {
        guard text.hasPrefix("https://") || text.hasPrefix("http://"), !text.hasSuffix("/") else { return false }
        let rest = text.drop { $0 != "/" }.dropFirst(2)
        return !rest.isEmpty
            && rest.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 32 && !"?#\\\"".unicodeScalars.contains($0) }
    }

    /// A git short SHA as `git rev-parse --short` prints it.
    static func isShortSHA(_ text: String) -> Bool {
        (4...40).contains(text.count)
            && text.unicodeScalars.allSatisfy { "0123456789abcdef".unicodeScalars.contains($0) }
    }

    private static func matches(_ text: String, first: (Unicode.Scalar) -> Bool, rest: (Unicode.Scalar) -> Bool) -> Bool
    {
        guard let head = text.unicodeScalars.first, first(head) else { return false }
        return text.unicodeScalars.allSatisfy(rest)
    }

    private static func isLowerAlnum(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("0"..."9").contains(c) }
    private static func isUpperAlnum(_ c: Unicode.Scalar) -> Bool { ("A"..."Z").contains(c) || ("0"..."9").contains(c) }
    private static func isAlnum(_ c: Unicode.Scalar) -> Bool { isLowerAlnum(c) || ("A"..."Z").contains(c) }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
