import Foundation

/// What Ctrl-C, SIGTERM and SIGHUP do to a running deploy: forward to the children and let the executor
/// (or the rollout watch) stop, so the deploy is still summed up and recorded; with nothing running,
/// launching or held (at a prompt, between reads), stop at once.
enum Interruption {
    static func install(reporter: Reporter, children: ChildRegistry) throws(DeployError) {
        let installed = Signals.install { signal in
            let running = children.interrupt(with: signal)
            let error = DeployError.interrupted(signal: children.interruption ?? signal)
            // A second signal stops at once (its children are killed), saying what that leaves behind.
            if children.signalsReceived > 1 || children.endsNow() {
                reporter.error(error)
                for left in children.leftBehind { reporter.note("deploy: left behind, \(left)") }
                exit(error.exitCode)
            }
            reporter.note(
                "deploy: \(SignalName.of(signal)): "
                    + stopping(running: running, patient: children.patientCount, holds: !children.leftBehind.isEmpty))
        }
        if !installed {
            throw .signalSetupFailed("no pipe for the signal handler: \(String(cString: strerror(errno)))")
        }
    }

    /// What the first signal does now, and what a second one would do.
    static func stopping(running: Int, patient: Int, holds: Bool = false) -> String {
        let leaves = holds ? " (that leaves the team's lock held, for deploy unlock)" : ""
        if running == 0 && holds {
            return "stopping: letting go of the team's lock and recording the deploy first; press Ctrl-C again to "
                + "stop at once\(leaves)"
        }
        if running == 0 { return "stopping; press Ctrl-C again to stop at once" }
        if patient > 0 {
            return "terraform apply is stopping cleanly, which can take a while (it finishes what it started and "
                + "releases its state lock); press Ctrl-C again to kill it now (its state may then stay "
                + "locked)\(leaves)"
        }
        return "stopping \(running) running command(s); press Ctrl-C again to kill them now\(leaves)"
    }
}
