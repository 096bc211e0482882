#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

/// The children that are running now, so that Ctrl-C reaches them: the first SIGINT or SIGTERM is
/// forwarded to each child's process group, and what is left after a grace period is killed; a second
/// signal kills at once. Once interrupted, a child that starts anyway is signalled as it registers.
public final class ChildRegistry: Sendable {
    public static let shared = ChildRegistry()

    private struct State {
        var pids: Set<pid_t> = []
        var interruption: Int32?
        var signalsReceived = 0
    }

    private let state = Mutex(State())
    private let gracePeriod: Double

    public init(gracePeriod: Double = 5) { self.gracePeriod = gracePeriod }

    /// The signal that interrupted the deploy, if any.
    public var interruption: Int32? { state.withLock { $0.interruption } }

    public var runningCount: Int { state.withLock { $0.pids.count } }

    func add(_ pid: pid_t) {
        let late = state.withLock { state -> Int32? in
            state.pids.insert(pid)
            return state.interruption
        }
        if let late { Self.send(late, to: pid) }
    }

    func remove(_ pid: pid_t) {
        _ = state.withLock { $0.pids.remove(pid) }
    }

    /// Records the signal and passes it on. Returns how many children were running.
    @discardableResult
    public func interrupt(with signal: Int32) -> Int {
        let (pids, first) = state.withLock { state -> (Set<pid_t>, Bool) in
            state.signalsReceived += 1
            if state.interruption == nil { state.interruption = signal }
            return (state.pids, state.signalsReceived == 1)
        }
        let forwarded = first ? signal : SIGKILL
        for pid in pids { Self.send(forwarded, to: pid) }
        if first && !pids.isEmpty {
            DispatchQueue.global().asyncAfter(deadline: .now() + gracePeriod) { [self] in
                for pid in state.withLock({ $0.pids }) { Self.send(SIGKILL, to: pid) }
            }
        }
        return pids.count
    }

    /// To the child's process group (which holds anything it started), else to the child alone.
    private static func send(_ signal: Int32, to pid: pid_t) {
        if kill(-pid, signal) != 0 { kill(pid, signal) }
    }
}
