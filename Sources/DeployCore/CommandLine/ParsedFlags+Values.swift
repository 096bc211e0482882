import Foundation

/// The flags' values, read and checked, each with the message that says what it takes.
extension ParsedFlags {
    /// Refuses a flag the command does not use, so a typo'd intent never silently does something else.
    func only(_ command: Subcommand) throws(DeployError) {
        guard let other = given.filter({ !$0.spec.takes(command) }).sorted(by: { $0.rawValue < $1.rawValue }).first
        else { return }
        let users = Subcommand.allCases.filter { other.spec.takes($0) }
        if users.count == 1, let owner = users.first, owner != .deploy {
            throw .usage("\(other.spelled) is only used by \(owner.title); see \(owner.title) --help")
        }
        throw .usage("\(other.spelled) is not used by \(command.title); see \(command.title) --help")
    }

    func outputIsJSON() throws(DeployError) -> Bool {
        switch self[.output] ?? "text" {
        case "text": return false
        case "json": return true
        case let other: throw .usage("--output \(other): use text or json")
        }
    }

    func verbosity() throws(DeployError) -> Reporter.Verbosity {
        switch (has(.quiet), has(.verbose)) {
        case (true, true): throw .usage("--quiet and --verbose contradict each other: pick one")
        case (true, false): return .quiet
        case (false, true): return .verbose
        case (false, false): return .normal
        }
    }

    /// Where a command that asks before it acts runs: `--profile`; with `--yes` also `AWS_PROFILE`, as without it
    /// the operator picks from a menu (where `AWS_PROFILE` is the default).
    func actingTarget(_ environment: [String: String]) throws(DeployError) -> TargetOptions {
        let profile = self[.profile] ?? (has(.yes) ? environment["AWS_PROFILE"].flatMap(Self.nonEmpty) : nil)
        return try checked(TargetOptions(varFile: self[.varFile], workspace: self[.workspace], profile: profile))
    }

    /// Where a command that only reads runs: `--profile`, else `AWS_PROFILE`.
    func readingTarget(_ environment: [String: String]) throws(DeployError) -> TargetOptions {
        let profile = self[.profile] ?? environment["AWS_PROFILE"].flatMap(Self.nonEmpty)
        return try checked(TargetOptions(varFile: self[.varFile], workspace: self[.workspace], profile: profile))
    }

    private func checked(_ target: TargetOptions) throws(DeployError) -> TargetOptions {
        if let profile = target.profile, !Names.isProfileName(profile) {
            throw .usage("'\(profile)' is not a valid AWS profile name")
        }
        if let workspace = target.workspace, !Names.isWorkspaceName(workspace) {
            throw .usage("'\(workspace)' is not a valid terraform workspace name")
        }
        return target
    }

    /// `--yes` runs with no menu, so it needs a profile named; in CI the job's credentials are the default chain's.
    func requireProfileWithYes(_ target: TargetOptions, environment: [String: String]) throws(DeployError) {
        if has(.yes) && target.profile == nil && CIRun.detect(environment) == nil {
            throw .usage("--yes needs an AWS profile: pass --profile <name> or set AWS_PROFILE")
        }
    }

    /// `--builder`: a buildx builder's name.
    func builder() throws(DeployError) -> String? {
        let builder = self[.builder]
        if let builder, !Names.isWorkspaceName(builder) {
            throw .usage("'\(builder)' is not a valid buildx builder name")
        }
        return builder
    }

    /// A duration flag (`90s`, `15m`, `1h`), or nil when not given.
    func time(_ flag: Flag) throws(DeployError) -> Double? {
        guard let text = self[flag] else { return nil }
        guard let seconds = WaitTime.seconds(text) else {
            throw .usage("\(flag.spelled) \(text): give a time such as 90s, 15m or 1h")
        }
        return seconds
    }

    /// `--jobs`, `--push-jobs`: from 1 to 64.
    func count(_ flag: Flag) throws(DeployError) -> Int? {
        guard let text = self[flag] else { return nil }
        guard let number = Int(text), (1...64).contains(number) else {
            throw .usage("\(flag.spelled) takes a whole number from 1 to 64, such as \(flag.spelled) 4")
        }
        return number
    }

    /// A whole number of at least `minimum`, or nil when not given; `message` says what it takes.
    func number(_ flag: Flag, atLeast minimum: Int, _ message: String) throws(DeployError) -> Int? {
        guard let text = self[flag] else { return nil }
        guard let number = Int(text), number >= minimum else { throw .usage(message) }
        return number
    }

    /// `--services a,b`: each a valid name, none empty, each once.
    func services() throws(DeployError) -> [String]? {
        guard let text = self[.services] else { return nil }
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
}
