import Foundation

/// What Ctrl-C, SIGTERM and SIGHUP do to a running deploy: forward to the children and let the executor
/// (or the rollout watch) stop, so the deploy is still summed up and recorded; with nothing running,
/// launching or held (at a prompt, between reads), stop at once.
public enum Interruption {
    public static func install(reporter: Reporter, children: ChildRegistry = .shared) throws(DeployError) {
        let installed = Signals.install { signal in
            let running = children.interrupt(with: signal)
            let error = DeployError.interrupted(signal: signal)
            if children.endsNow() {
                reporter.error(error)
                exit(error.exitCode)
            }
            reporter.note(running == 0 ? "deploy: \(Signals.name(signal)): stopping; press Ctrl-C again to stop at once"
                                       : "deploy: \(Signals.name(signal)): stopping \(running) running command(s); press Ctrl-C again to kill them now")
        }
        if !installed {
            throw .launchFailed(command: "deploy", reason: "could not set up signal handling, so Ctrl-C could not stop children; nothing was started")
        }
    }
}
