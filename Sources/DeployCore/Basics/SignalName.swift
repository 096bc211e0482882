import Foundation

/// Signals as messages name them.
enum SignalName {
    /// `SIGINT`, `SIGTERM`, `SIGHUP`, `SIGKILL`, or `signal 6`.
    static func of(_ signal: Int32) -> String {
        switch signal {
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        case SIGHUP: return "SIGHUP"
        case SIGKILL: return "SIGKILL"
        default: return "signal \(signal)"
        }
    }
}
