#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Every child runs in its own process group, so a child that reads the terminal must be made the
/// terminal's foreground group first (else the kernel stops it with SIGTTIN), and `deploy` takes the
/// terminal back when it ends.
enum TerminalForeground {
    /// True when stdin is a terminal and the child's group now owns it.
    static func give(to group: pid_t) -> Bool {
        guard isatty(STDIN_FILENO) != 0 else { return false }
        let handedOver = setForeground(group)
        kill(-group, SIGCONT)
        return handedOver
    }

    static func takeBack() {
        _ = setForeground(getpgrp())
    }

    /// A background process that changes the foreground group gets SIGTTOU unless it ignores it.
    private static func setForeground(_ group: pid_t) -> Bool {
        let previous = signal(SIGTTOU, SIG_IGN)
        defer { signal(SIGTTOU, previous) }
        return tcsetpgrp(STDIN_FILENO, group) == 0
    }
}
