import Foundation

/// How many steps may run at once, per pool. `--jobs 1` runs everything one at a time, in order.
struct Concurrency: Equatable, Sendable {
    var jobs: Int
    var pushJobs: Int

    init(jobs: Int, pushJobs: Int) {
        self.jobs = jobs
        self.pushJobs = pushJobs
    }

    /// One at a time, in the order of the steps.
    static let serial = Concurrency(jobs: 1, pushJobs: 1)

    /// Without `--jobs`: one build per core, at least two; four pushes.
    static let standard = Concurrency(jobs: max(2, ProcessInfo.processInfo.activeProcessorCount), pushJobs: 4)

    /// All steps together, whatever their pools.
    var total: Int { jobs == 1 ? 1 : Int.max }

    func limit(_ pool: Schedule.Pool) -> Int {
        switch pool {
        case .build: return jobs
        case .push: return pushJobs
        case .spa: return 1
        case .aws: return 4
        case .serial: return 1
        }
    }
}
