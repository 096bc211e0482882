import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns SIGINT, SIGTERM and SIGHUP into calls of a Swift closure on a thread of its own. The C handler
/// only writes the signal number to a pipe, which is all a signal handler may safely do. A handler
/// (unlike SIG_IGN) is reset to the default in every child at exec, so children still die of Ctrl-C.
enum Signals {
    static let stopping: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    nonisolated(unsafe) private static var writeEnd: Int32 = -1

    /// Returns false when the signal pipe cannot be made; the caller must not start children then.
    @discardableResult
    static func install(_ handler: @escaping @Sendable (Int32) -> Void) -> Bool {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return false }
        writeEnd = ends[1]
        let readEnd = ends[0]
        for signalNumber in stopping {
            signal(signalNumber) { number in
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(Signals.writeEnd, &byte, 1)
            }
        }
        // A reader of our output that goes away must not kill deploy while its children run: writes then
        // fail with EPIPE, which the reporter ignores. A handler, not SIG_IGN, so children keep the default.
        signal(SIGPIPE) { _ in }
        Thread.detachNewThread {
            var byte: UInt8 = 0
            while read(readEnd, &byte, 1) == 1 { handler(Int32(byte)) }
        }
        return true
    }

    /// Threads that Dispatch and Swift concurrency start block SIGINT, SIGTERM and SIGHUP, and a child
    /// inherits its launching thread's mask; the runner clears it on its own threads before launching.
    static func unblockAll() {
        var empty = sigset_t()
        sigemptyset(&empty)
        pthread_sigmask(SIG_SETMASK, &empty, nil)
    }
}
