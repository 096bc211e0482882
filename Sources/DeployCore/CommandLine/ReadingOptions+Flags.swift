/// The flags of the commands that read, or remove a lock, read into their options.
extension HistoryOptions {
    init(_ flags: ParsedFlags, environment: [String: String]) throws(DeployError) {
        target = try flags.readingTarget(environment)
        limit =
            try flags.number(.limit, atLeast: 1, "--limit takes a whole number above 0, such as --limit 10") ?? limit
        show = try flags.number(
            .show, atLeast: 1, "--show takes the position of a deploy in deploy history, 1 for the last: --show 1")
    }
}

extension UnlockOptions {
    init(_ flags: ParsedFlags, environment: [String: String]) throws(DeployError) {
        target = try flags.actingTarget(environment)
        assumeYes = flags.has(.yes)
        if target.varFile == nil {
            throw .usage("deploy unlock needs --var-file: for example deploy unlock --var-file tfvars/sandbox.tfvars")
        }
        try flags.requireProfileWithYes(target, environment: environment)
    }
}

extension CheckOptions {
    init(_ flags: ParsedFlags, environment: [String: String]) throws(DeployError) {
        target = try flags.readingTarget(environment)
        builder = try flags.builder()
        minimumFreeGB =
            try flags.number(
                .minFreeGB, atLeast: 0, "--min-free-gb takes a whole number of GB, such as --min-free-gb 8")
            ?? minimumFreeGB
        if target.varFile == nil {
            throw .usage("deploy check needs --var-file: for example deploy check --var-file tfvars/sandbox.tfvars")
        }
    }
}
