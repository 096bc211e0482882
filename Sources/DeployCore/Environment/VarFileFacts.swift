import Foundation

/// What deploy reads from the var-file itself (terraform reads the rest): whether the API serves its
/// Swagger docs, which the checks after the apply then expect to answer.
enum VarFileFacts {
    /// True when a line sets `expose_api_docs = true` (comments ignored).
    static func exposesAPIDocs(_ text: String) -> Bool {
        text.split(whereSeparator: \.isNewline).contains { line in
            let code = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
                .split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false)[0]
            let parts = code.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            return parts.count == 2 && parts[0] == "expose_api_docs" && parts[1] == "true"
        }
    }

    static func exposesAPIDocs(file: URL?) -> Bool {
        guard let file, let text = try? String(contentsOf: file, encoding: .utf8) else { return false }
        return exposesAPIDocs(text)
    }
}
