/// Reads that say whether a resource a deploy uses exists: `deploy check` asks each one.
extension AWS {
    /// Every repository's name (the CLI follows the pages).
    static func repositoryNames() -> Command {
        Command(
            "aws", ["ecr", "describe-repositories", "--query", "repositories[].repositoryName", "--output", "json"])
    }

    /// Exits 0 when the bucket exists and may be read.
    static func headBucket(_ bucket: String) -> Command {
        Command("aws", ["s3api", "head-bucket", "--bucket", bucket])
    }

    /// Prints the distribution's status (`Deployed`, `InProgress`); fails when there is no such distribution.
    static func distributionStatus(_ id: String) -> Command {
        Command(
            "aws", ["cloudfront", "get-distribution", "--id", id, "--query", "Distribution.Status", "--output", "text"])
    }

    /// Prints the cluster's name when it is active, nothing otherwise.
    static func activeCluster(_ name: String) -> Command {
        Command(
            "aws",
            [
                "ecs", "describe-clusters", "--clusters", name, "--query", "clusters[?status=='ACTIVE'].clusterName",
                "--output", "text",
            ])
    }
}

extension AWS {
    /// Prints an object's body on stdout, writing nothing on disk: `deploy check` reads the lock with it.
    static func readObject(bucket: String, key: String) -> Command {
        Command("aws", ["s3", "cp", "s3://\(bucket)/\(key)", "-", "--only-show-errors"])
    }
}

/// Whether the secrets a task definition references exist, read without their values.
extension AWS {
    /// The names among `names` (at most 10) that SSM Parameter Store holds: their metadata, never their values.
    static func parameterNames(_ names: [String], region: String?) -> Command {
        struct Filter: Encodable {
            var key = "Name"
            var option = "Equals"
            var values: [String]

            enum CodingKeys: String, CodingKey {
                case key = "Key"
                case option = "Option"
                case values = "Values"
            }
        }
        return Command(
            "aws",
            [
                "ssm", "describe-parameters", "--parameter-filters", JSONText.line([Filter(values: names)]),
                "--query", "Parameters[].Name", "--output", "json",
            ] + (region.map { ["--region", $0] } ?? []))
    }

    /// The secret's ARN when Secrets Manager holds it (its metadata, never its value); fails when it does not.
    static func describeSecret(_ id: String, region: String?) -> Command {
        Command(
            "aws",
            ["secretsmanager", "describe-secret", "--secret-id", id, "--query", "ARN", "--output", "text"]
                + (region.map { ["--region", $0] } ?? []))
    }
}

/// What sets a rollout's pace at the load balancer: the target groups' health checks and deregistration delay.
extension AWS {
    /// At most 20 target groups per call.
    static func describeTargetGroups(_ arns: [String]) -> Command {
        Command("aws", ["elbv2", "describe-target-groups", "--target-group-arns"] + arns + ["--output", "json"])
    }

    static func targetGroupAttributes(_ arn: String) -> Command {
        Command(
            "aws",
            [
                "elbv2", "describe-target-group-attributes", "--target-group-arn", arn, "--query", "Attributes",
                "--output", "json",
            ])
    }
}
