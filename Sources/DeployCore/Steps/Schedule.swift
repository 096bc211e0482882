/// When each step may start, and which limit it counts against: the fixed order of the runbook as a
/// graph, so that independent work overlaps. Builds wait for the shared dependency layer; a push waits
/// for its build and the registry login; SPA builds overlap the image work; a task before a roll waits for every
/// image, the plan and the image checks; an upload (the first change anyone can see) waits for every SPA build,
/// every push and every task; every invalidation waits for every push and upload; the apply comes last. Pure.
enum Schedule {
    /// What a step's concurrency is bounded by.
    enum Pool: Equatable, Sendable {
        case build, push, spa, aws, serial
    }

    static func pool(of phase: StepPhase) -> Pool {
        switch phase {
        case .buildDependencies, .build: return .build
        case .push, .copy: return .push
        case .buildSPA: return .spa
        case .login, .upload, .invalidate, .mark, .imageCheck, .rollout, .health, .task: return .aws
        case .plan, .apply, .prune: return .serial
        }
    }

    /// For each step, the indices of the steps that must have succeeded before it starts.
    static func prerequisites(of steps: [Step]) -> [[Int]] {
        func indices(_ phases: Set<StepPhase>, subject: String? = nil) -> [Int] {
            steps.indices.filter {
                phases.contains(steps[$0].phase) && (subject == nil || steps[$0].subject == subject)
            }
        }
        let logins = indices([.login])
        return steps.indices.map { index in
            let step = steps[index]
            // A login listed before a step is its prerequisite: with a remote builder, builds push.
            let loginsBefore = logins.filter { $0 < index }
            switch step.phase {
            // The plan is read-only: it runs alongside the builds. The checks of tags this run does not push
            // (already in ECR, or pinned) need nothing either: they run while the builds do.
            case .login, .buildSPA, .plan: return []
            // A promoted image's digest is checked once it is copied; other checks wait for nothing.
            case .imageCheck: return indices([.copy], subject: step.subject)
            case .copy: return indices([.login])
            case .buildDependencies: return loginsBefore
            case .build: return indices([.buildDependencies]) + loginsBefore
            case .push: return indices([.build], subject: step.subject) + indices([.login])
            // A task before a roll (a migration) changes what production holds: it runs once every image is in the
            // registry, the plan has been made and checked, and the tags that do not roll are found in ECR.
            case .task: return indices([.build, .push, .copy, .plan, .imageCheck])
            // An upload is the first change anyone can see: it waits for every image to be in the registry, and
            // every task before a roll to have succeeded. (Builds count as pushes: with a remote builder they push.)
            case .upload: return indices([.buildSPA]) + indices([.build, .push, .copy, .task])
            case .invalidate: return indices([.build, .push, .upload])
            case .mark: return indices([.invalidate], subject: step.subject)
            case .apply, .prune, .rollout, .health: return Array(0..<index)
            }
        }
    }
}
