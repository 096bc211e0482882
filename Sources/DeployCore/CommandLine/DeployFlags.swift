/// The flags `deploy` accepts, in the order `--help` lists them.
enum DeployFlags {
    static let all: [FlagSpec] = [
        FlagSpec(
            "var-file", value: "path",
            help:
                "tfvars for terraform plan and apply (required unless --skip-tf); looked up in the current folder, "
                + "then in "
                + "the terraform folder"
        ),
        FlagSpec(
            "changed",
            help: "deploy only the services changed since their live image (not with --services or --skip-tf)"),
        FlagSpec("services", value: "a,b", help: "only these services; with terraform, only these are rolled"),
        FlagSpec("skip-spas", help: "do not build or upload the SPAs"),
        FlagSpec("skip-tf", help: "push images (and SPAs) only: no terraform apply, nothing rolls"),
        FlagSpec("profile", value: "name", help: "AWS profile to use (otherwise a menu of the profiles found)"),
        FlagSpec(
            "yes", short: "y",
            help: "no menu, no confirmation: the plan is made alongside the builds (needs --profile or AWS_PROFILE)"),
        FlagSpec(
            "dry-run", help: "print the summary with terraform's plan and every command it would run; change nothing"),
        FlagSpec(
            "jobs", value: "n",
            help: "service builds at once (default: the number of cores, at least 2); --jobs 1 runs every step in order"
        ),
        FlagSpec("push-jobs", value: "n", help: "pushes at once (default 4)"),
        FlagSpec(
            "builder", value: "name",
            help:
                "build and push with `docker buildx build --builder <name>` (a remote BuildKit), using deploy.json's "
                + "buildCache"
        ),
        FlagSpec(
            "workspace", value: "name", help: "the terraform workspace to expect (default: the var-file's base name)"),
        FlagSpec(
            "allow-dirty",
            help:
                "deploy even with uncommitted changes to tracked files: they ship under HEAD's tag, and every image "
                + "is rebuilt"
        ),
        FlagSpec("force-rebuild", help: "build and push every image even when its tag is already in ECR"),
        FlagSpec("min-free-gb", value: "n", help: "refuse to build with less free disk than this (default 8)"),
        FlagSpec(
            "allow-rollback",
            help: "deploy HEAD even over a live commit it does not contain (ahead of it, or on another branch)"),
        FlagSpec(
            "allow-destroy",
            help: "apply a plan that destroys or replaces more than a service's task definition (refused otherwise)"),
        FlagSpec("allow-redeploy", help: "deploy a commit that was rolled back, although HEAD has nothing new since"),
        FlagSpec("no-verify", help: "after the apply, do not wait for ECS to be steady nor check the health endpoints"),
        FlagSpec(
            "wait-timeout", value: "time",
            help: "how long the rollout may take before the deploy fails, such as 90s, 15m (default 15m)"),
        FlagSpec(
            "fail-after", value: "n",
            help:
                "fail a rollout once n tasks of its new revision failed, without waiting for ECS's circuit breaker "
                + "(default 3; 0: wait for ECS)"),
        FlagSpec(
            "rollback-on-failure",
            help: "when the rollout or health check fails, roll the failed services back to their earlier tags at once"
        ),
        FlagSpec(
            "apply-timeout", value: "time",
            help: "how long terraform apply may run before it is stopped and the deploy fails (default 30m)"),
        FlagSpec(
            "to", value: "sha",
            help: "deploy rollback: the tag to return to (default: the one each service ran before the last deploy)"),
        FlagSpec("limit", value: "n", help: "deploy history: show the last n deploys (default 20)"),
        FlagSpec(
            "show", value: "n",
            help: "deploy history: the nth most recent deploy in full, with why its rollouts failed (1: the last)"),
        FlagSpec("verbose", help: "show every command before it runs, and every changed path of --changed"),
        FlagSpec("quiet", short: "q", help: "show only the summary, questions and errors"),
        FlagSpec(
            "output", value: "format",
            help: "text or json (default text): the closing summary (or deploy status) as one JSON document on stdout"),
        FlagSpec("directory", short: "C", value: "dir", help: "run as if deploy was started in <dir>"),
        FlagSpec(
            "list", value: "kind", hidden: true,
            help: "deploy completions: the services, profiles or var-files a completion offers, one per line"),
        FlagSpec("help", short: "h", help: "show this help"),
        FlagSpec("version", help: "show the version"),
    ]
}
