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
