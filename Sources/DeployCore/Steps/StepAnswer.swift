import Foundation

/// What a step's stdout says when it is data rather than text for an operator (the aws CLI's JSON answers):
/// read and said in one line, instead of echoed. Pure.
enum StepAnswer: Equatable, Sendable {
    /// `create-invalidation`: which invalidation, in what state.
    case invalidation
    /// The build marker's `put-object`: the bucket now says which build it holds.
    case marker(tag: String)
    /// `terraform plan`: its own one-line count (the summary shows the plan grouped).
    case plan
    /// `ecr describe-images` of a promoted image: the digest the registry holds under its tag.
    case digest

    func line(_ stdout: Data) -> String {
        switch self {
        case .invalidation:
            let object = (try? JSONSerialization.jsonObject(with: stdout)) as? [String: Any]
            let invalidation = object?["Invalidation"] as? [String: Any]
            let id = invalidation?["Id"] as? String ?? "?"
            let status = invalidation?["Status"] as? String ?? "?"
            return "invalidation \(id) of /* created (\(status)): CloudFront serves the new files within minutes"
        case .marker(let tag):
            return "the bucket now says it holds build \(tag): a re-run of this build skips it"
        case .digest:
            let digest = String(decoding: stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return "the registry holds \(digest)"
        case .plan:
            let lines = String(decoding: stdout, as: UTF8.self).split(separator: "\n")
            let count = lines.last { $0.hasPrefix("Plan:") || $0.hasPrefix("No changes.") }
            return count.map(String.init) ?? "plan saved"
        }
    }
}
