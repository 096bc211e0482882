import Foundation

extension DeployPlan {
    /// Flags to an invocation. Everything that can be checked without touching the disk is checked here,
    /// so bad input fails before anything runs.
    public static func parse(_ arguments: [String], environment: [String: String]) throws(DeployError) -> Invocation {
        let flags = try FlagParser(DeployFlags.all).parse(arguments)
        if flags.isSet("help") { return .help }
        if flags.isSet("version") { return .version }
        if flags.arguments.first == "status" {
            if let extra = flags.arguments.dropFirst().first { throw .usage("unexpected argument '\(extra)'; see deploy --help") }
            return .status(try statusPlan(flags, environment: environment))
        }
        if flags.arguments.first == "prune" {
            if let extra = flags.arguments.dropFirst().first { throw .usage("unexpected argument '\(extra)'; see deploy --help") }
            return .prune(try prunePlan(flags))
        }
        if let extra = flags.arguments.first { throw .usage("unexpected argument '\(extra)'; see deploy --help") }

        var plan = DeployPlan()
        plan.mode = flags.isSet("changed") ? .changed : .full
        plan.varFile = flags.value("var-file")
        plan.skipSPAs = flags.isSet("skip-spas")
        plan.skipTerraform = flags.isSet("skip-tf")
        plan.assumeYes = flags.isSet("yes")
        plan.dryRun = flags.isSet("dry-run")
        plan.directory = flags.value("directory")
        plan.json = try outputIsJSON(flags)
        plan.quiet = flags.isSet("quiet")
        if plan.quiet && plan.verbose { throw .usage("--quiet and --verbose contradict each other: pick one") }
        plan.allowRollback = flags.isSet("allow-rollback")
        plan.allowDirty = flags.isSet("allow-dirty")
        plan.forceRebuild = flags.isSet("force-rebuild")
        plan.workspace = flags.value("workspace")
        plan.builder = flags.value("builder")
        if let builder = plan.builder, !Names.isWorkspaceName(builder) {
            throw .usage("'\(builder)' is not a valid buildx builder name")
        }
        plan.concurrency.jobs = try count(flags, "jobs") ?? plan.concurrency.jobs
        plan.concurrency.pushJobs = try count(flags, "push-jobs") ?? plan.concurrency.pushJobs
        if plan.concurrency.jobs == 1 { plan.concurrency.pushJobs = 1 }
        if let text = flags.value("min-free-gb") {
            guard let number = Int(text), number >= 0 else { throw .usage("--min-free-gb takes a whole number of GB, such as --min-free-gb 8") }
            plan.minimumFreeGB = number
        }
        plan.verbose = flags.isSet("verbose")
        plan.services = try flags.value("services").map(parseServiceList)
        plan.profile = flags.value("profile") ?? (plan.assumeYes ? environment["AWS_PROFILE"].flatMap(nonEmpty) : nil)
        try plan.checkCombinations()
        return .deploy(plan)
    }

    /// `deploy status` reads only: it takes the flags that say where and how to print, nothing else.
    private static func statusPlan(_ flags: ParsedFlags, environment: [String: String]) throws(DeployError) -> DeployPlan {
        let allowed: Set = ["var-file", "profile", "verbose", "quiet", "output", "directory"]
        if let other = (Set(flags.values.keys).union(flags.switches)).subtracting(allowed).sorted().first {
            throw .usage("--\(other) is not used by deploy status; see deploy --help")
        }
        var plan = DeployPlan()
        plan.mode = .changed
        plan.dryRun = true
        plan.varFile = flags.value("var-file")
        plan.directory = flags.value("directory")
        plan.verbose = flags.isSet("verbose")
        plan.profile = flags.value("profile") ?? environment["AWS_PROFILE"].flatMap(nonEmpty)
        plan.json = try outputIsJSON(flags)
        if let profile = plan.profile, !Names.isProfileName(profile) {
            throw .usage("'\(profile)' is not a valid AWS profile name")
        }
        return plan
    }

    /// `deploy prune` runs two docker commands: it takes only -y.
    private static func prunePlan(_ flags: ParsedFlags) throws(DeployError) -> DeployPlan {
        let allowed: Set = ["yes"]
        if let other = (Set(flags.values.keys).union(flags.switches)).subtracting(allowed).sorted().first {
            throw .usage("--\(other) is not used by deploy prune; see deploy --help")
        }
        var plan = DeployPlan()
        plan.assumeYes = flags.isSet("yes")
        return plan
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
            throw .usage("--services has an empty name in '\(text)': give a comma-separated list such as --services auth,billing")
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
        if varFile == nil && !skipTerraform {
            throw .usage("--var-file is required unless --skip-tf: for example --var-file tfvars/sandbox.tfvars")
        }
        if let profile, !Names.isProfileName(profile) {
            throw .usage("'\(profile)' is not a valid AWS profile name")
        }
        if let workspace, !Names.isWorkspaceName(workspace) {
            throw .usage("'\(workspace)' is not a valid terraform workspace name")
        }
        if allowRollback && mode != .changed {
            throw .usage("--allow-rollback only applies to --changed")
        }
        if assumeYes && profile == nil {
            throw .usage("--yes needs an AWS profile: pass --profile <name> or set AWS_PROFILE")
        }
    }
}
