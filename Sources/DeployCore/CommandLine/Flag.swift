/// Every flag `deploy` knows, by its long name, in the order the help lists them. What each one is (its alias,
/// its value, the commands that take it, its help there, what a completion offers) is said once, in
/// `FlagSpec.table`; the parser, the help and the completion scripts read it, and code names a flag only by case.
enum Flag: String, CaseIterable, Sendable {
    case varFile = "var-file"
    case from
    case fromProfile = "from-profile"
    case changed
    case services
    case skipSPAs = "skip-spas"
    case skipTerraform = "skip-tf"
    case profile
    case yes
    case dryRun = "dry-run"
    case jobs
    case pushJobs = "push-jobs"
    case builder
    case workspace
    case allowDirty = "allow-dirty"
    case forceRebuild = "force-rebuild"
    case minFreeGB = "min-free-gb"
    case allowRollback = "allow-rollback"
    case allowDestroy = "allow-destroy"
    case allowRedeploy = "allow-redeploy"
    case noVerify = "no-verify"
    case waitTimeout = "wait-timeout"
    case failAfter = "fail-after"
    case rollbackOnFailure = "rollback-on-failure"
    case applyTimeout = "apply-timeout"
    case to
    case limit
    case show
    case verbose
    case quiet
    case output
    case directory
    case list
    case help
    case version

    /// `--var-file`, as messages name it.
    var spelled: String { "--\(rawValue)" }

    /// Its one entry in the table.
    var spec: FlagSpec { FlagSpec.byFlag[self]! }
}
