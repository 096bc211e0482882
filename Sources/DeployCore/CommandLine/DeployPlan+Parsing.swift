import Foundation

extension DeployPlan {
    /// Flags to an invocation. Everything that can be checked without touching the disk is checked here,
    /// so bad input fails before anything runs.
    public static func parse(_ arguments: [String], environment: [String: String]) throws(DeployError) -> Invocation {
        let flags = try FlagParser(DeployFlags.all) { word in
            let command = word.flatMap(Subcommand.init(rawValue:)) ?? .deploy
            return (command.flags, "\(command.title) --help")
        }.parse(arguments)
        let command = try flags.arguments.first.map(Subcommand.named) ?? .deploy
        let operands = Array(flags.arguments.dropFirst())
        if let extra = operands.dropFirst(command.operands.isEmpty ? 0 : 1).first {
            throw .usage("unexpected argument '\(extra)'; see \(command.title) --help")
        }
        if flags.isSet("help") {
            return .help(command == .help ? try operands.first.map(Subcommand.named) ?? .help : command)
        }
        if flags.isSet("version") { return .version }
        try only(flags, allowedBy: command)
        switch command {
        case .deploy: return .deploy(try fullPlan(flags, environment: environment))
        case .status: return .status(try statusPlan(flags, environment: environment))
        case .prune: return .prune(try prunePlan(flags, environment: environment))
        case .history: return .history(try historyPlan(flags, environment: environment))
        case .unlock: return .unlock(try unlockPlan(flags, environment: environment))
        case .rollback: return .rollback(try rollbackPlan(flags, environment: environment))
        case .check: return .check(try checkPlan(flags, environment: environment))
        case .completions: return try completions(flags, shell: operands.first)
        case .help: return .help(try operands.first.map(Subcommand.named) ?? .deploy)
        }
    }

    /// `deploy` itself: a full, `--services`, `--skip-tf` or `--changed` deploy.
    private static func fullPlan(_ flags: ParsedFlags, environment: [String: String]) throws(DeployError) -> DeployPlan
    {
        var plan = try deployPlan(flags, environment: environment)
        plan.mode = flags.isSet("changed") ? .changed : .full
        plan.skipSPAs = flags.isSet("skip-spas")
        plan.skipTerraform = flags.isSet("skip-tf")
        plan.allowRollback = flags.isSet("allow-rollback")
        plan.allowRedeploy = flags.isSet("allow-redeploy")
        plan.allowDirty = flags.isSet("allow-dirty")
        plan.forceRebuild = flags.isSet("force-rebuild")
        plan.rollbackOnFailure = flags.isSet("rollback-on-failure")
        try readBuildFlags(flags, into: &plan)
        if plan.skipTerraform && (flags.isSet("no-verify") || flags.value("wait-timeout") != nil) {
            throw .usage(
                "--skip-tf rolls nothing, so there is no rollout to verify: drop --no-verify and --wait-timeout")
        }
        if plan.skipTerraform && flags.value("apply-timeout") != nil {
            throw .usage("--skip-tf applies nothing: drop --apply-timeout")
        }
        try plan.checkCombinations()
        return plan
    }

    /// How images are built: the builder, how many at once, how much disk is needed.
    private static func readBuildFlags(_ flags: ParsedFlags, into plan: inout DeployPlan) throws(DeployError) {
        plan.builder = try builder(flags)
        plan.concurrency.jobs = try count(flags, "jobs") ?? plan.concurrency.jobs
        plan.concurrency.pushJobs = try count(flags, "push-jobs") ?? plan.concurrency.pushJobs
        if plan.concurrency.jobs == 1 { plan.concurrency.pushJobs = 1 }
        if let text = flags.value("min-free-gb") {
            guard let number = Int(text), number >= 0 else {
                throw .usage("--min-free-gb takes a whole number of GB, such as --min-free-gb 8")
            }
            plan.minimumFreeGB = number
        }
    }

    /// What a deploy and a rollback share: where, which services, which account, how to confirm, how to
    /// print, and how to verify.
    private static func deployPlan(_ flags: ParsedFlags, environment: [String: String]) throws(DeployError)
        -> DeployPlan
    {
        var plan = DeployPlan()
        plan.varFile = flags.value("var-file")
        plan.assumeYes = flags.isSet("yes")
        plan.dryRun = flags.isSet("dry-run")
        plan.directory = flags.value("directory")
        plan.json = try outputIsJSON(flags)
        plan.quiet = flags.isSet("quiet")
        plan.verbose = flags.isSet("verbose")
        if plan.quiet && plan.verbose { throw .usage("--quiet and --verbose contradict each other: pick one") }
        plan.workspace = flags.value("workspace")
        plan.services = try flags.value("services").map(parseServiceList)
        plan.profile = profile(flags, environment: environment, assumeYes: plan.assumeYes)
        plan.verify = !flags.isSet("no-verify")
        plan.allowDestroy = flags.isSet("allow-destroy")
        plan.waitTimeout = try time(flags, "wait-timeout") ?? plan.waitTimeout
        plan.applyTimeout = try time(flags, "apply-timeout") ?? plan.applyTimeout
        if let text = flags.value("fail-after") {
            guard let number = Int(text), number >= 0 else {
                throw .usage("--fail-after takes a whole number of failed tasks, such as 3 (0: wait for ECS)")
            }
            plan.failAfter = number
        }
        return plan
    }

    /// `deploy rollback`: no build, so none of the build flags.
    private static func rollbackPlan(_ flags: ParsedFlags, environment: [String: String]) throws(DeployError)
        -> DeployPlan
    {
        var plan = try deployPlan(flags, environment: environment)
        plan.mode = .rollback
        plan.rollbackTo = flags.value("to")
        if let tag = plan.rollbackTo, !Names.isShortSHA(tag) {
            throw .usage("--to \(tag): give the git SHA of an earlier deploy, as `deploy history` shows it")
        }
        try plan.checkCombinations()
        return plan
    }

    /// `deploy history` reads the history: which workspace, how many, which format, and the profile that
    /// reads the shared one.
    private static func historyPlan(_ flags: ParsedFlags, environment: [String: String]) throws(DeployError)
        -> DeployPlan
    {
        var plan = DeployPlan()
        plan.profile = try profile(flags, environment: environment)
        plan.varFile = flags.value("var-file")
        plan.workspace = flags.value("workspace")
        plan.directory = flags.value("directory")
        plan.json = try outputIsJSON(flags)
        if let text = flags.value("limit") {
            guard let number = Int(text), number > 0 else {
                throw .usage("--limit takes a whole number above 0, such as --limit 10")
            }
            plan.historyLimit = number
        }
        if let text = flags.value("show") {
            guard let number = Int(text), number > 0 else {
                throw .usage("--show takes the position of a deploy in deploy history, 1 for the last: --show 1")
            }
            plan.historyShow = number
        }
        if let workspace = plan.workspace, !Names.isWorkspaceName(workspace) {
            throw .usage("'\(workspace)' is not a valid terraform workspace name")
        }
        return plan
    }

    /// Refuses a flag the command does not use, so a typo'd intent never silently does something else.
    private static func only(_ flags: ParsedFlags, allowedBy command: Subcommand) throws(DeployError) {
        let given = Set(flags.values.keys).union(flags.switches)
        guard let other = given.subtracting(command.flagNames).sorted().first else { return }
        let users = Subcommand.allCases.filter { $0.flagNames.contains(other) }
        if users.count == 1, let owner = users.first, owner != .deploy {
            throw .usage("--\(other) is only used by \(owner.title); see \(owner.title) --help")
        }
        throw .usage("--\(other) is not used by \(command.title); see \(command.title) --help")
    }

    /// `deploy check` reads only: where, which account, how to print.
    private static func checkPlan(_ flags: ParsedFlags, environment: [String: String]) throws(DeployError)
        -> DeployPlan
    {
        var plan = DeployPlan()
        plan.dryRun = true
        plan.varFile = flags.value("var-file")
        plan.workspace = flags.value("workspace")
        plan.directory = flags.value("directory")
        plan.json = try outputIsJSON(flags)
        plan.profile = try profile(flags, environment: environment)
        plan.builder = try builder(flags)
        if plan.varFile == nil {
            throw .usage("deploy check needs --var-file: for example deploy check --var-file tfvars/sandbox.tfvars")
        }
        try plan.checkCombinations()
        return plan
    }

    /// `deploy completions bash|zsh|fish`, or the words a completion offers (`--list services`).
    private static func completions(_ flags: ParsedFlags, shell: String?) throws(DeployError) -> Invocation {
        switch (shell, flags.value("list")) {
        case (nil, nil): throw .usage("deploy completions needs a shell: deploy completions bash, zsh or fish")
        case (let name?, nil):
            guard let shell = Shell(rawValue: name) else {
                throw .usage("deploy completions \(name): give bash, zsh or fish")
            }
            return .completions(shell)
        case (nil, let kind?):
            guard let list = CompletionList(rawValue: kind) else {
                throw .usage("--list \(kind): give services, profiles or var-files")
            }
            return .completionWords(list, directory: flags.value("directory"))
        case (_?, _?): throw .usage("deploy completions takes a shell or --list, not both")
        }
    }

    /// `deploy status` reads only: it takes the flags that say where and how to print, nothing else.
    private static func statusPlan(_ flags: ParsedFlags, environment: [String: String]) throws(DeployError)
        -> DeployPlan
    {
        var plan = DeployPlan()
        plan.mode = .changed
        plan.dryRun = true
        plan.varFile = flags.value("var-file")
        plan.directory = flags.value("directory")
        plan.verbose = flags.isSet("verbose")
        plan.profile = try profile(flags, environment: environment)
        plan.json = try outputIsJSON(flags)
        return plan
    }

    /// `deploy prune` runs two docker commands: it takes -y, and the profile that reads the shared lock.
    private static func prunePlan(_ flags: ParsedFlags, environment: [String: String]) throws(DeployError) -> DeployPlan
    {
        var plan = DeployPlan()
        plan.assumeYes = flags.isSet("yes")
        plan.json = try outputIsJSON(flags)
        plan.profile = try profile(flags, environment: environment)
        return plan
    }

    /// `deploy unlock` removes the workspace's shared lock: where, which account, how to confirm.
    private static func unlockPlan(_ flags: ParsedFlags, environment: [String: String]) throws(DeployError)
        -> DeployPlan
    {
        var plan = DeployPlan()
        plan.varFile = flags.value("var-file")
        plan.workspace = flags.value("workspace")
        plan.directory = flags.value("directory")
        plan.quiet = flags.isSet("quiet")
        plan.assumeYes = flags.isSet("yes")
        plan.profile = profile(flags, environment: environment, assumeYes: plan.assumeYes)
        if plan.varFile == nil {
            throw .usage("deploy unlock needs --var-file: for example deploy unlock --var-file tfvars/sandbox.tfvars")
        }
        try plan.checkCombinations()
        return plan
    }

    /// `--builder`: a buildx builder's name.
    private static func builder(_ flags: ParsedFlags) throws(DeployError) -> String? {
        let builder = flags.value("builder")
        if let builder, !Names.isWorkspaceName(builder) {
            throw .usage("'\(builder)' is not a valid buildx builder name")
        }
        return builder
    }

    /// `--profile`; with `--yes` also `AWS_PROFILE`, as without it the operator picks from a menu (where
    /// `AWS_PROFILE` is the default). Checked with the plan's other combinations.
    private static func profile(_ flags: ParsedFlags, environment: [String: String], assumeYes: Bool) -> String? {
        flags.value("profile") ?? (assumeYes ? environment["AWS_PROFILE"].flatMap(nonEmpty) : nil)
    }

    /// `--profile`, else `AWS_PROFILE`: a read that needs no menu.
    private static func profile(_ flags: ParsedFlags, environment: [String: String]) throws(DeployError) -> String? {
        let profile = flags.value("profile") ?? environment["AWS_PROFILE"].flatMap(nonEmpty)
        if let profile, !Names.isProfileName(profile) { throw .usage("'\(profile)' is not a valid AWS profile name") }
        return profile
    }

    /// A duration flag (`90s`, `15m`, `1h`), or nil when not given.
    private static func time(_ flags: ParsedFlags, _ name: String) throws(DeployError) -> Double? {
        guard let text = flags.value(name) else { return nil }
        guard let seconds = WaitTime.seconds(text) else {
            throw .usage("--\(name) \(text): give a time such as 90s, 15m or 1h")
        }
        return seconds
    }

    private static func outputIsJSON(_ flags: ParsedFlags) throws(DeployError) -> Bool {
        switch flags.value("output") ?? "text" {
        case "text": return false
        case "json": return true
        case let other: throw .usage("--output \(other): use text or json")
        }
    }

    private static func count(_ flags: ParsedFlags, _ name: String) throws(DeployError) -> Int? {
        guard let text = flags.value(name) else { return nil }
        guard let number = Int(text), (1...64).contains(number) else {
            throw .usage("--\(name) takes a whole number from 1 to 64, such as --\(name) 4")
        }
        return number
    }

    private static func parseServiceList(_ text: String) throws(DeployError) -> [String] {
        let names = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard !names.contains(where: \.isEmpty) else {
            throw .usage(
                "--services has an empty name in '\(text)': give a comma-separated list such as --services auth,billing"
            )
        }
        for name in names where !Names.isServiceName(name) {
            throw .usage("'\(name)' is not a valid service name: lower-case letters, digits and '-' only")
        }
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }

    private static func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }

    private func checkCombinations() throws(DeployError) {
        if mode == .changed && services != nil {
            throw .usage("--changed cannot be combined with --services: --changed picks the services itself")
        }
        if mode == .changed && skipTerraform {
            throw .usage("--changed cannot be combined with --skip-tf: --changed rolls what it builds")
        }
        if mode == .rollback && varFile == nil {
            throw .usage(
                "deploy rollback needs --var-file: for example deploy rollback --var-file tfvars/sandbox.tfvars")
        }
        if varFile == nil && !skipTerraform {
            throw .usage("--var-file is required unless --skip-tf: for example --var-file tfvars/sandbox.tfvars")
        }
        if let profile, !Names.isProfileName(profile) {
            throw .usage("'\(profile)' is not a valid AWS profile name")
        }
        if let workspace, !Names.isWorkspaceName(workspace) {
            throw .usage("'\(workspace)' is not a valid terraform workspace name")
        }
        if (allowRollback || allowRedeploy) && skipTerraform {
            throw .usage(
                "--skip-tf rolls nothing, so nothing can be rolled back or redeployed: drop --allow-rollback and "
                    + "--allow-redeploy"
            )
        }
        if rollbackOnFailure && (skipTerraform || !verify) {
            throw .usage(
                "--rollback-on-failure acts on a failed verification, which --skip-tf and --no-verify leave out: drop "
                    + "one or the other")
        }
        if assumeYes && profile == nil {
            throw .usage("--yes needs an AWS profile: pass --profile <name> or set AWS_PROFILE")
        }
    }
}
