/// The shell one deploy runs in once its workspace is open: the runner for that place (with the chosen
/// profile), the reporter, the children Ctrl-C must reach, and the task definition cache under its git folder.
struct Session: Sendable {
    let runner: any CommandRunner
    let reporter: Reporter
    let children: ChildRegistry
    let cache: TaskDefinitionCache

    /// The read-only calls: git, terraform output, aws sts.
    var queries: EnvironmentReader { EnvironmentReader(runner: runner, reporter: reporter) }

    var changes: ChangeReader { ChangeReader(runner: runner, reporter: reporter, cache: cache) }
}
