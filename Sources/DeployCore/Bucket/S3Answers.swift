import Foundation

/// What the aws CLI's S3 calls answered, read: the ETag of an object written or read, and why a call failed
/// (a condition that did not hold, a key that is not there, or anything else). Pure.
enum S3Answers {
    enum Failure: Equatable {
        /// 412 PreconditionFailed, or 409 ConditionalRequestConflict: another writer got there first.
        case conditionFailed
        /// 404 NoSuchKey.
        case missing
        /// Anything else: the bucket cannot be reached or read (no such bucket, access denied, no network).
        case other(String)
    }

    /// `{"ETag": "\"9b2cf535f27731c974343645a3985328\"", ...}` → the ETag, quotes kept (S3 takes it back so).
    static func etag(_ output: Data) -> String? {
        (try? JSONSerialization.jsonObject(with: output) as? [String: Any])?["ETag"] as? String
    }

    static func failure(_ output: [String]) -> Failure {
        let text = output.joined(separator: "\n")
        if ["PreconditionFailed", "(412)", "ConditionalRequestConflict", "(409)"].contains(where: text.contains) {
            return .conditionFailed
        }
        if ["NoSuchKey", "(404)", "Not Found"].contains(where: text.contains) { return .missing }
        return .other(output.last { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? "no answer")
    }
}
