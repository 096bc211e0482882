import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The children that are running now, so that Ctrl-C reaches them: the first SIGINT, SIGTERM or SIGHUP
/// is forwarded to each child's process group, and what is left after a grace period is killed (except
/// a child that stops slowly, such as terraform); a second signal kills everything at once. Once
/// interrupted, a child that starts anyway is signalled as it registers, except the short calls of a cleanup
/// (releasing the team's lock, closing the history record), which always run, each within a deadline.
final class ChildRegistry: Sendable {
    static let shared = ChildRegistry()

    private struct State {
        var pids: [pid_t: Bool] = [:]  // pid → stops slowly
        var launching = 0
        /// Work in progress that must see the signal to end well (the deploy's run, its record).
        var held = 0
        var interruption: Int32?
        var signalsReceived = 0
        /// Cleanups in progress: while one runs, children may start after an interruption.
        var cleaning = 0
        /// What a stop at once would leave behind, with how to undo it (by what it is).
        var holdings: [String: String] = [:]
    }

    private let state = Mutex(State())
    private let gracePeriod: Double

    init(gracePeriod: Double = 5) { self.gracePeriod = gracePeriod }

    /// The signal that interrupted the deploy, if any.
    var interruption: Int32? { state.withLock { $0.interruption } }

    /// How long a child started by a cleanup after an interruption may run.
    static let cleanupDeadline = 5.0

    /// Why no child may start now: the interruption, unless a cleanup runs.
    var refusal: Int32? { state.withLock { $0.cleaning == 0 ? $0.interruption : nil } }

    /// Whether a child starting now is a cleanup's after an interruption, and so runs within `cleanupDeadline`.
    var cleaningAfterInterruption: Bool { state.withLock { $0.cleaning > 0 && $0.interruption != nil } }

    /// Runs `body`, whose children start even after an interruption (each within `cleanupDeadline`): the calls that
    /// release what the deploy holds and record how it ended.
    func cleanup<T>(_ body: () async -> T) async -> T {
        state.withLock { $0.cleaning += 1 }
        defer { state.withLock { $0.cleaning -= 1 } }
        return await body()
    }

    /// Something only this deploy's cleanup lets go of (the team's lock), named with how to undo it by hand, as a
    /// stop at once says it.
    func holding(_ thing: String, undo: String) { state.withLock { $0.holdings[thing] = undo } }

    func letGo(_ thing: String) { _ = state.withLock { $0.holdings.removeValue(forKey: thing) } }

    /// What a stop now would leave behind, one line each with how to undo it.
    var leftBehind: [String] {
        state.withLock { $0.holdings.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" } }
    }

    /// How many signals arrived.
    var signalsReceived: Int { state.withLock { $0.signalsReceived } }

    /// Children running, and children being launched right now.
    var runningCount: Int { state.withLock { $0.pids.count + $0.launching } }

    /// Children running that need time to stop cleanly (terraform).
    var patientCount: Int { state.withLock { $0.pids.values.filter { $0 }.count } }

    /// While held, a first signal is only recorded (and forwarded): the holder sees `interruption`,
    /// stops, and still writes its closing table and history. A second signal is not held back.
    func hold() { state.withLock { $0.held += 1 } }

    func release() { state.withLock { $0.held -= 1 } }

    /// True when the signal should end the process now: nothing running, launching or held, or a
    /// repeated signal with no child left to kill.
    func endsNow() -> Bool {
        state.withLock { state in
            let children = state.pids.count + state.launching
            return children == 0 && (state.held == 0 || state.signalsReceived > 1)
        }
    }

    /// Called just before a launch, so an interruption in that moment waits for the child to register.
    func reserve() { state.withLock { $0.launching += 1 } }

    func cancelReservation() { state.withLock { $0.launching -= 1 } }

    func add(_ pid: pid_t, patient: Bool = false) {
        let late = state.withLock { state -> Int32? in
            state.launching -= 1
            state.pids[pid] = patient
            return state.cleaning > 0 ? nil : state.interruption
        }
        if let late { Self.send(late, to: pid) }
    }

    func remove(_ pid: pid_t) {
        _ = state.withLock { $0.pids.removeValue(forKey: pid) }
    }

    /// Records the signal and passes it on. Returns how many children were running or launching.
    @discardableResult
    func interrupt(with signal: Int32) -> Int {
        let (pids, running, first) = state.withLock { state -> ([pid_t: Bool], Int, Bool) in
            state.signalsReceived += 1
            if state.interruption == nil { state.interruption = signal }
            return (state.pids, state.pids.count + state.launching, state.signalsReceived == 1)
        }
        for pid in pids.keys { Self.send(first ? signal : SIGKILL, to: pid) }
        if first && running > 0 {
            // Whole groups, and also those whose leader is gone already: a shell that died of SIGINT can
            // leave a background job behind (shells start those with SIGINT ignored).
            let groups = pids.filter { !$0.value }.map(\.key)
            DispatchQueue.global().asyncAfter(deadline: .now() + gracePeriod) { [self] in
                let late = state.withLock { $0.pids.filter { !$0.value }.map(\.key) }
                for group in Set(groups + late) { kill(-group, SIGKILL) }
            }
        }
        return running
    }

    /// To the child's process group (which holds anything it started), else to the child alone.
    private static func send(_ signal: Int32, to pid: pid_t) {
        if kill(-pid, signal) != 0 { kill(pid, signal) }
    }
}
