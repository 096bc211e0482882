import Foundation

/// The text `deploy --help` prints.
public enum Usage {
    public static var text: String {
        let width = DeployFlags.all.map(\.synopsis.count).max() ?? 0
        let lines = DeployFlags.all.map { spec in
            "  " + spec.synopsis.padding(toLength: width + 2, withPad: " ", startingAt: 0) + spec.help
        }
        return """
            deploy \(Version.current): build, push and roll the platform to AWS.

            Usage:
              deploy --var-file tfvars/<env>.tfvars [options]    full deploy: images, SPAs, terraform apply
              deploy --var-file tfvars/<env>.tfvars --changed    only the services changed since they went live
              deploy --skip-tf --services a,b                    push images only; nothing rolls
              deploy status [--output json]                      what --changed would deploy, and why; read-only
              deploy history [--limit n] [--output json]         the recorded deploys (the team's with a deploy
                                                                 bucket, else this clone's), newest first
              deploy rollback --var-file tfvars/<env>.tfvars     the last deploy's services back to the tags they ran
                              [--services a,b] [--to sha]        before it (or to --to); nothing is built
              deploy unlock --var-file tfvars/<env>.tfvars       remove the workspace's shared lock (a dead deploy's),
                                                                 naming its holder, after a typed y
              deploy prune [-y]                                  docker builder prune -af; docker image prune -af

            Order: build images, push to ECR, build and upload SPAs, invalidate CloudFront, terraform apply,
            then wait until ECS is steady and each rolled service's /health answers 200 (--no-verify skips).
            A failed step stops the deploy; terraform is never applied after a failure.
            One deploy per workspace at a time: with a deploy_bucket terraform output, a lock every operator sees
            (s3://<bucket>/deploy/<workspace>/lock.json), else this clone's. Each deploy is recorded there
            (deploy/<workspace>/history/) and in .git/deploy/history-<workspace>.jsonl.

            Options:
            \(lines.joined(separator: "\n"))

            Exit codes: 0 deployed, 1 failed, not serving after the apply, refused or not confirmed, 2 bad input,
            130 interrupted (Ctrl-C), 143 terminated (SIGTERM), 129 hung up (SIGHUP).

            """
    }
}
