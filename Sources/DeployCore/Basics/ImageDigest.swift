/// An image's content address in its registry, `sha256:` and 64 hex digits: what a tag pointed at when this
/// deploy pushed it or read it, and what ECS says its tasks run. A tag can be pushed over; a digest cannot.
enum ImageDigest {
    /// The digest a push reported, from the end of its output: docker's `<tag>: digest: sha256:… size: N`, or
    /// BuildKit's `pushing manifest for <image>@sha256:…`. Nil when it said none.
    static func pushed(in lines: [String]) -> String? {
        for line in lines.reversed() {
            if let range = line.range(of: ": digest: "), let digest = first(in: line[range.upperBound...]) {
                return digest
            }
            if line.contains("pushing manifest for "), let at = line.range(of: "@sha256:"),
                let digest = first(in: line[line.index(after: at.lowerBound)...])
            {
                return digest
            }
        }
        return nil
    }

    /// Whether `text` is one digest, such as ECR's answer for a tag.
    static func isDigest(_ text: String) -> Bool { first(in: Substring(text)) == text }

    /// `sha256:` and the first 12 hex digits, for a table.
    static func short(_ digest: String) -> String { String(digest.prefix("sha256:".count + 12)) }

    /// The digest `text` starts with.
    private static func first(in text: Substring) -> String? {
        guard text.hasPrefix("sha256:") else { return nil }
        let hex = text.dropFirst("sha256:".count).prefix { $0.isHexDigit && !$0.isUppercase }
        return hex.count == 64 ? "sha256:" + hex : nil
    }
}
