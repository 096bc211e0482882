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
          deploy prune [-y]                                  docker builder prune -af; docker image prune -af

        Order: build images, push to ECR, build and upload SPAs, invalidate CloudFront, terraform apply.
        A failed step stops the deploy; terraform is never applied after a failure.

        Options:
        \(lines.joined(separator: "\n"))

        Exit codes: 0 deployed, 1 failed, refused or not confirmed, 2 bad input (nothing ran),
        130 interrupted (Ctrl-C), 143 terminated (SIGTERM), 129 hung up (SIGHUP).

        """
    }
}
