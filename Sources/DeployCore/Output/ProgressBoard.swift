import Foundation

/// The compact status a terminal shows while steps run: one line per service or SPA with what it is
/// doing and for how long, then the closing steps. Pure: states in, lines out.
struct ProgressBoard: Sendable {
    let steps: [Step]

    /// The board's lines at `now`, for the steps' states (by index).
    func lines(states: [Int: StepState], now: Date) -> [String] {
        var order: [String] = []
        var rows: [String: [(Step, StepState)]] = [:]
        for (index, step) in steps.enumerated() {
            let row = Self.row(of: step)
            if rows[row] == nil { order.append(row) }
            rows[row, default: []].append((step, states[index] ?? .queued))
        }
        let width = order.map(\.count).max() ?? 0
        return order.map {
            $0.padding(toLength: width + 2, withPad: " ", startingAt: 0) + Self.status(of: rows[$0]!, now: now)
        }
    }

    /// Which line a step belongs to: its service or SPA; the shared layer, logins, checks and the apply
    /// on lines of their own.
    static func row(of step: Step) -> String {
        switch step.phase {
        case .buildDependencies: return "dependency layer"
        case .login: return "registry login"
        case .imageCheck: return "image checks"
        case .apply: return "terraform apply"
        case .plan: return "terraform plan"
        case .prune: return "prune"
        default: return step.subject ?? step.phase.rawValue
        }
    }

    /// A failure if any; else the running step with its elapsed time; else done, waiting or queued.
    static func status(of row: [(Step, StepState)], now: Date) -> String {
        if let failed = row.first(where: { $0.1 == .failed }) { return "failed (\(failed.0.phase.rawValue))" }
        for (step, state) in row {
            if case .running(let since) = state { return "\(verb(step.phase)) \(Int(now.timeIntervalSince(since)))s" }
        }
        let done = row.compactMap { pair -> Double? in
            if case .done(let seconds) = pair.1 { return seconds } else { return nil }
        }
        if done.count == row.count { return "done \(Int(done.reduce(0, +).rounded()))s" }
        return done.isEmpty ? "queued" : "waiting"
    }

    static func verb(_ phase: StepPhase) -> String {
        switch phase {
        case .buildDependencies, .build, .buildSPA: return "building"
        case .push: return "pushing"
        case .copy: return "copying"
        case .login: return "logging in"
        case .upload: return "uploading"
        case .invalidate: return "invalidating"
        case .mark: return "marking"
        case .imageCheck, .health: return "checking"
        case .task: return "running its task"
        case .rollout: return "rolling"
        case .apply: return "applying"
        case .plan: return "planning"
        case .prune: return "pruning"
        }
    }
}
