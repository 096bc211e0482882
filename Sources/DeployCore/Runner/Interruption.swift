import Foundation

/// What Ctrl-C and SIGTERM do to a running deploy: forward to the children and let the executor stop;
/// with nothing running (at a prompt, between reads), stop at once.
public enum Interruption {
    public static func install(reporter: Reporter, children: ChildRegistry = .shared) {
        Signals.install { signal in
            let running = children.interrupt(with: signal)
            if running == 0 {
                reporter.error(.interrupted(signal: signal))
                exit(128 + signal)
            }
            reporter.note("deploy: interrupted: stopping \(running) running command(s); press Ctrl-C again to kill them now")
        }
    }
}
