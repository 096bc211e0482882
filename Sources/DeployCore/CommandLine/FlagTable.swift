/// The table of flags: one entry per flag, with the commands that take it and its help line in each.
enum FlagTable {
    private static let deploys: [Subcommand] = [.deploy, .rollback, .promote]
    private static let everywhere: [Subcommand] = Subcommand.allCases.filter { $0 != .help }
    private static let readers: [Subcommand] = [.status, .history, .check]

    static let entries: [FlagSpec] = environment + deploy + verify + reading + helpers

    /// Where a command acts.
    private static let environment: [FlagSpec] = [
        FlagSpec(
            .varFile, value: "path", completion: .varFile, for: [.deploy],
            help: "tfvars for terraform plan and apply (required unless --skip-tf); looked up in the current folder, "
                + "then in the terraform folder",
            except: [
                .rollback: "the environment's tfvars (required); looked up in the current folder, then in the "
                    + "terraform folder",
                .promote: "the environment to promote into (required): its tfvars",
                .status: "the environment's tfvars: its workspace must be the one terraform has selected",
                .history: "the environment whose history to read (its workspace is the file's base name)",
                .unlock: "the environment whose shared lock to remove (required)",
                .check: "the environment to check (required)",
            ]),
        FlagSpec(
            .workspace, value: "name", for: [.deploy, .rollback, .promote, .unlock, .check],
            help: "the terraform workspace to expect (default: the var-file's base name)",
            except: [.history: "whose history to read (default: the var-file's, else every one of this clone's)"]),
        FlagSpec(
            .profile, value: "name", completion: .profiles, for: [.deploy, .rollback, .promote, .unlock],
            help: "AWS profile to use (otherwise a menu of the profiles found)",
            except: [
                .status: "AWS profile to read with (default: AWS_PROFILE)",
                .history: "AWS profile to read the team's history with (default: AWS_PROFILE)",
                .check: "AWS profile to check with (default: AWS_PROFILE)",
                .prune: "AWS profile that reads the shared locks, so that a deploy from another clone on this "
                    + "machine is seen (default: AWS_PROFILE)",
            ]),
        FlagSpec(
            .yes, short: "y", for: [.deploy],
            help: "no menu, no confirmation: the plan is made alongside the builds (needs --profile or AWS_PROFILE)",
            except: [
                .rollback: "no menu, no confirmation (needs --profile or AWS_PROFILE)",
                .promote: "no menu, no confirmation (needs --profile or AWS_PROFILE)",
                .unlock: "remove the lock without asking (needs --profile or AWS_PROFILE)",
                .prune: "prune without asking",
            ]),
    ]

    /// What a deploy builds and rolls.
    private static let deploy: [FlagSpec] = [
        FlagSpec(
            .changed, for: [.deploy],
            help: "deploy only the services changed since their live image (not with --services or --skip-tf)"),
        FlagSpec(
            .services, value: "a,b", completion: .services, for: [.deploy],
            help: "only these services; with terraform, only these are rolled",
            except: [
                .rollback: "only these services (default: those the last deploy rolled)",
                .promote: "only these services (default: every service)",
            ]),
        FlagSpec(.skipSPAs, for: [.deploy], help: "do not build or upload the SPAs"),
        FlagSpec(
            .skipTerraform, for: [.deploy], help: "push images (and SPAs) only: no terraform apply, nothing rolls"),
        FlagSpec(
            .dryRun, for: deploys,
            help: "print the summary with terraform's plan and every command it would run; change nothing"),
        FlagSpec(
            .jobs, value: "n", for: [.deploy],
            help: "service builds at once (default: the number of cores, at least 2); --jobs 1 runs every step in "
                + "order"),
        FlagSpec(.pushJobs, value: "n", for: [.deploy], help: "pushes at once (default 4)"),
        FlagSpec(
            .builder, value: "name", for: [.deploy],
            help: "build and push with `docker buildx build --builder <name>` (a remote BuildKit), using "
                + "deploy.json's buildCache",
            except: [.check: "check this remote BuildKit builder instead of the local docker engine"]),
        FlagSpec(
            .allowDirty, for: [.deploy],
            help: "deploy even with uncommitted changes to tracked files: they ship under HEAD's tag, and every "
                + "image is rebuilt"),
        FlagSpec(.forceRebuild, for: [.deploy], help: "build and push every image even when its tag is already in ECR"),
        FlagSpec(
            .minFreeGB, value: "n", for: [.deploy, .check],
            help: "refuse to build with less free disk than this (default 8)"),
        FlagSpec(
            .allowRollback, for: [.deploy],
            help: "deploy HEAD even over a live commit it does not contain (ahead of it, or on another branch)",
            except: [.promote: "promote a commit over one it does not contain (ahead of it, or on another branch)"]),
        FlagSpec(
            .allowDestroy, for: deploys,
            help: "apply a plan that destroys or replaces more than a service's task definition (refused otherwise)"),
        FlagSpec(
            .allowRedeploy, for: [.deploy],
            help: "deploy a commit that was rolled back, although HEAD has nothing new since"),
    ]

    /// How the rollout is watched.
    private static let verify: [FlagSpec] = [
        FlagSpec(
            .noVerify, for: deploys,
            help: "after the apply, do not wait for ECS to be steady nor check the health endpoints"),
        FlagSpec(
            .waitTimeout, value: "time", for: deploys,
            help: "how long the rollout may take before the deploy fails, such as 90s, 15m (default 15m)"),
        FlagSpec(
            .failAfter, value: "n", for: deploys,
            help: "fail a rollout once n tasks of its new revision failed, without waiting for ECS's circuit breaker "
                + "(default 3; 0: wait for ECS)"),
        FlagSpec(
            .rollbackOnFailure, for: [.deploy],
            help: "when the rollout or health check fails, roll the failed services back to their earlier tags at "
                + "once"),
        FlagSpec(
            .applyTimeout, value: "time", for: deploys,
            help: "how long terraform apply may run before it is stopped and the deploy fails (default 30m)"),
        FlagSpec(
            .to, value: "sha", for: [.rollback],
            help: "the tag to return to (default: the one each service ran before the last deploy)"),
        FlagSpec(
            .from, value: "path", completion: .varFile, for: [.promote],
            help: "the environment whose running images to promote (required): its tfvars, whose base name is its "
                + "terraform workspace"),
        FlagSpec(
            .fromProfile, value: "name", completion: .profiles, for: [.promote],
            help: "AWS profile to read that environment and its registry with (default: --profile's)"),
    ]

    /// Reading the history, and how to print.
    private static let reading: [FlagSpec] = [
        FlagSpec(.limit, value: "n", for: [.history], help: "show the last n deploys (default 20)"),
        FlagSpec(
            .show, value: "n", for: [.history],
            help: "the nth most recent deploy in full, with why its rollouts failed (1: the last)"),
        FlagSpec(
            .verbose, for: deploys, help: "show every command before it runs, and every changed path of --changed",
            except: [.status: "list every changed path"]),
        FlagSpec(
            .quiet, short: "q", for: deploys, help: "show only the summary, questions and errors",
            except: [.status: "show only the table and errors", .unlock: "show only the question and errors"]),
        FlagSpec(
            .output, value: "format", completion: .choices(["text", "json"]), for: deploys,
            help: "text or json (default text): the closing summary as one JSON document on stdout",
            except: [
                .status: "text or json (default text): the table as one JSON document on stdout",
                .history: "text or json (default text): the deploys as one JSON document on stdout",
                .check: "text or json (default text): the findings as one JSON document on stdout",
                .prune: "text or json (default text): one JSON document on stdout, {\"result\": \"pruned\"}",
            ]),
    ]

    /// What every command takes.
    private static let helpers: [FlagSpec] = [
        FlagSpec(
            .directory, short: "C", value: "dir", completion: .directory,
            for: everywhere.filter { $0 != .prune }, help: "run as if deploy was started in <dir>"),
        FlagSpec(
            .list, value: "kind", completion: .choices(CompletionList.allCases.map(\.rawValue)), hidden: true,
            for: [.completions], help: "the services, profiles or var-files a completion offers, one per line"),
        FlagSpec(.help, short: "h", for: Subcommand.allCases, help: "show this help"),
        FlagSpec(.version, for: [.deploy], help: "show the version"),
    ]
}
