/// How a child ended: a normal exit with a code, or death by a signal. Foundation reports both as one
/// number, so the runner keeps them apart here.
enum TerminationStatus: Equatable, Sendable {
    case exited(Int32)
    case signaled(Int32)

    var succeeded: Bool { self == .exited(0) }

    /// "exited with 3", "was killed by signal 9", for messages.
    var phrase: String {
        switch self {
        case .exited(let code): return "exited with \(code)"
        case .signaled(let signal): return "was killed by signal \(signal)"
        }
    }
}
