/// `deploy`'s flags, read into its options and checked for combinations that make no sense.
extension DeployOptions {
    init(_ flags: ParsedFlags, environment: [String: String]) throws(DeployError) {
        target = try flags.actingTarget(environment)
        release = try ReleaseOptions(flags, mode: flags.has(.changed) ? .changed : .full)
        release.skipSPAs = flags.has(.skipSPAs)
        release.skipTerraform = flags.has(.skipTerraform)
        release.builder = try flags.builder()
        settings = try ReleaseRun.Settings(flags, target: target)
        settings.rollbackOnFailure = flags.has(.rollbackOnFailure)
        settings.concurrency.jobs = try flags.count(.jobs) ?? settings.concurrency.jobs
        settings.concurrency.pushJobs = try flags.count(.pushJobs) ?? settings.concurrency.pushJobs
        if settings.concurrency.jobs == 1 { settings.concurrency.pushJobs = 1 }
        (allowRollback, allowRedeploy) = (flags.has(.allowRollback), flags.has(.allowRedeploy))
        (allowDirty, forceRebuild) = (flags.has(.allowDirty), flags.has(.forceRebuild))
        minimumFreeGB =
            try flags.number(
                .minFreeGB, atLeast: 0, "--min-free-gb takes a whole number of GB, such as --min-free-gb 8")
            ?? minimumFreeGB
        try checkSkippingTerraform(flags)
        try checkCombinations(flags)
        try flags.requireProfileWithYes(target, environment: environment)
    }

    /// `--skip-tf` applies nothing, so nothing about an apply or a rollout goes with it.
    private func checkSkippingTerraform(_ flags: ParsedFlags) throws(DeployError) {
        guard release.skipTerraform else { return }
        if flags.has(.noVerify) || flags[.waitTimeout] != nil {
            throw .usage(
                "--skip-tf rolls nothing, so there is no rollout to verify: drop --no-verify and --wait-timeout")
        }
        if flags[.applyTimeout] != nil { throw .usage("--skip-tf applies nothing: drop --apply-timeout") }
    }

    private func checkCombinations(_ flags: ParsedFlags) throws(DeployError) {
        if release.mode == .changed && release.services != nil {
            throw .usage("--changed cannot be combined with --services: --changed picks the services itself")
        }
        if release.mode == .changed && release.skipTerraform {
            throw .usage("--changed cannot be combined with --skip-tf: --changed rolls what it builds")
        }
        if target.varFile == nil && !release.skipTerraform {
            throw .usage("--var-file is required unless --skip-tf: for example --var-file tfvars/sandbox.tfvars")
        }
        if (allowRollback || allowRedeploy) && release.skipTerraform {
            throw .usage(
                "--skip-tf rolls nothing, so nothing can be rolled back or redeployed: drop --allow-rollback and "
                    + "--allow-redeploy")
        }
        if settings.rollbackOnFailure && (release.skipTerraform || !release.verify) {
            throw .usage(
                "--rollback-on-failure acts on a failed verification, which --skip-tf and --no-verify leave out: drop "
                    + "one or the other")
        }
    }
}

extension RollbackOptions {
    /// `deploy rollback`: no build, so none of the build flags.
    init(_ flags: ParsedFlags, environment: [String: String]) throws(DeployError) {
        target = try flags.actingTarget(environment)
        release = try ReleaseOptions(flags, mode: .rollback)
        settings = try ReleaseRun.Settings(flags, target: target)
        to = flags[.to]
        if let tag = to, !Names.isShortSHA(tag) {
            throw .usage("--to \(tag): give the git SHA of an earlier deploy, as `deploy history` shows it")
        }
        if target.varFile == nil {
            throw .usage(
                "deploy rollback needs --var-file: for example deploy rollback --var-file tfvars/sandbox.tfvars")
        }
        try flags.requireProfileWithYes(target, environment: environment)
    }
}

extension PromoteOptions {
    /// `deploy promote`: no build; the source environment's var-file and profile.
    init(_ flags: ParsedFlags, environment: [String: String]) throws(DeployError) {
        target = try flags.actingTarget(environment)
        release = try ReleaseOptions(flags, mode: .promote)
        settings = try ReleaseRun.Settings(flags, target: target)
        allowRollback = flags.has(.allowRollback)
        source = TargetOptions(varFile: flags[.from], profile: flags[.fromProfile])
        if let profile = source.profile, !Names.isProfileName(profile) {
            throw .usage("--from-profile \(profile): not a valid AWS profile name")
        }
        guard target.varFile != nil, source.varFile != nil else {
            throw .usage(
                "deploy promote needs --from and --var-file: for example deploy promote --from tfvars/staging.tfvars "
                    + "--var-file tfvars/prod.tfvars")
        }
        try flags.requireProfileWithYes(target, environment: environment)
    }
}

extension ReleaseOptions {
    /// What a deploy and a rollback share: which services, and how the apply and the rollout go.
    init(_ flags: ParsedFlags, mode: Mode) throws(DeployError) {
        self.init(mode: mode)
        services = try flags.services()
        planAlongside = flags.has(.yes) && !flags.has(.dryRun)
        verify = !flags.has(.noVerify)
        waitTimeout = try flags.time(.waitTimeout) ?? waitTimeout
        applyTimeout = try flags.time(.applyTimeout) ?? applyTimeout
        failAfter =
            try flags.number(
                .failAfter, atLeast: 0, "--fail-after takes a whole number of failed tasks, such as 3 (0: wait for ECS)"
            )
            ?? failAfter
    }
}

extension ReleaseRun.Settings {
    init(_ flags: ParsedFlags, target: TargetOptions) throws(DeployError) {
        self.init()
        (assumeYes, dryRun, allowDestroy) = (flags.has(.yes), flags.has(.dryRun), flags.has(.allowDestroy))
        varFile = target.varFileShown
    }
}
