import Foundation

/// What Ctrl-C, SIGTERM and SIGHUP do to a running deploy: forward to the children and let the executor
/// (or the rollout watch) stop, so the deploy is still summed up and recorded; with nothing running,
/// launching or held (at a prompt, between reads), stop at once.
enum Interruption {
    static func install(reporter: Reporter, children: ChildRegistry) throws(DeployError) {
        let installed = Signals.install { signal in
            let running = children.interrupt(with: signal)
            let error = DeployError.interrupted(signal: signal)
            if children.endsNow() {
                reporter.error(error)
                exit(error.exitCode)
            }
            reporter.note(
                "deploy: \(SignalName.of(signal)): " + stopping(running: running, patient: children.patientCount))
        }
        if !installed {
            throw .signalSetupFailed("no pipe for the signal handler: \(String(cString: strerror(errno)))")
        }
    }

    /// What the first signal does now, and what a second one would do.
    static func stopping(running: Int, patient: Int) -> String {
        if running == 0 { return "stopping; press Ctrl-C again to stop at once" }
        if patient > 0 {
            return "terraform apply is stopping cleanly, which can take a while (it finishes what it started and "
                + "releases its state lock); press Ctrl-C again to kill it now (its state may then stay locked)"
        }
        return "stopping \(running) running command(s); press Ctrl-C again to kill them now"
    }
}
