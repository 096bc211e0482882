/// Whether a steady service's tasks run the image this deploy meant, by digest: a tag can be pushed over between
/// the push and the tasks' start, and ECS then runs the other image under the same name. Pure.
enum DigestJudge {
    enum Verdict: Equatable, Sendable {
        /// Every task running the image runs this digest.
        case matches(String)
        /// Some run another digest: why, with both digests.
        case differs(String)
        /// Not compared, and why (no task reported a digest, the tasks could not be read).
        case unknown(String)
    }

    /// `expected`: the digest the tag pointed at when this deploy pushed or found it; `image`: the tag's reference.
    static func judge(expected: String, image: String, tasks: [TaskImage]) -> Verdict {
        let running = tasks.filter { $0.image == image }
        let reported = running.compactMap(\.digest)
        guard !reported.isEmpty else {
            return .unknown(
                running.isEmpty ? "no running task runs \(image)" : "ECS reported no digest for its tasks yet")
        }
        let other = reported.filter { $0 != expected }
        guard let first = other.first else { return .matches(expected) }
        let tag = image.split(separator: "/").last.map(String.init) ?? image
        return .differs(
            "\(other.count) of \(reported.count) task(s) run \(tag) as \(first), not \(expected), which the tag named "
                + "when this deploy pushed or found it: another image was pushed under the same tag; deploy again to "
                + "push it anew, or roll back")
    }
}
