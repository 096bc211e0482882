import Foundation

/// What Ctrl-C, SIGTERM and SIGHUP do to a running deploy: forward to the children and let the executor
/// (or the rollout watch) stop, so the deploy is still summed up and recorded; with nothing running,
/// launching or held (at a prompt, between reads), stop at once.
public enum Interruption {
    public static func install(reporter: Reporter) throws(DeployError) {
        try install(reporter: reporter, children: .shared)
    }

    static func install(reporter: Reporter, children: ChildRegistry) throws(DeployError) {
        let installed = Signals.install { signal in
            let running = children.interrupt(with: signal)
            let error = DeployError.interrupted(signal: signal)
            if children.endsNow() {
                reporter.error(error)
                exit(error.exitCode)
            }
            reporter.note(
                running == 0
                    ? "deploy: \(SignalName.of(signal)): stopping; press Ctrl-C again to stop at once"
                    : "deploy: \(SignalName.of(signal)): stopping \(running) running command(s); press Ctrl-C again "
                        + "to kill them now"
            )
        }
        if !installed {
            throw .signalSetupFailed("no pipe for the signal handler: \(String(cString: strerror(errno)))")
        }
    }
}
