/// The aws CLI commands. The profile reaches every child through `AWS_PROFILE`, not through argv.
enum AWS {
    static func callerIdentity() -> Command {
        Command("aws", ["sts", "get-caller-identity", "--output", "json"])
    }

    static func configuredRegion() -> Command {
        Command("aws", ["configure", "get", "region"])
    }

    /// Prints the registry password on stdout; only ever the producer of a pipe into `docker login`.
    static func ecrLoginPassword(region: String) -> Command {
        Command("aws", ["ecr", "get-login-password", "--region", region])
    }

    static func syncToBucket(from folder: String, bucket: String) -> Command {
        Command("aws", ["s3", "sync", folder, "s3://\(bucket)", "--delete", "--no-progress"])
    }

    /// The object that says which build a bucket holds: written after its upload and invalidation succeed.
    static let buildMarkerKey = ".deploy-build"

    static func markBuild(bucket: String, tag: String) -> Command {
        Command(
            "aws", ["s3api", "put-object", "--bucket", bucket, "--key", buildMarkerKey, "--metadata", "build=\(tag)"])
    }

    /// Prints the tag of the build the bucket holds (fails when there is no marker yet).
    static func readBuildMarker(bucket: String) -> Command {
        Command(
            "aws",
            [
                "s3api", "head-object", "--bucket", bucket, "--key", buildMarkerKey, "--query", "Metadata.build",
                "--output", "text",
            ])
    }

    static func invalidateAll(distribution id: String) -> Command {
        Command("aws", ["cloudfront", "create-invalidation", "--distribution-id", id, "--paths", "/*"])
    }
}

extension AWS {
    /// ECS takes at most this many services per `describe-services` call.
    static let servicesPerDescribe = 10

    /// ECS service names in groups of at most `servicesPerDescribe`, one `describe-services` each.
    static func describeBatches(_ names: [String]) -> [[String]] {
        stride(from: 0, to: names.count, by: servicesPerDescribe).map {
            Array(names[$0..<min($0 + servicesPerDescribe, names.count)])
        }
    }

    static func describeServices(cluster: String, services: [String]) -> Command {
        Command(
            "aws", ["ecs", "describe-services", "--cluster", cluster, "--services"] + services + ["--output", "json"])
    }

    static func describeTaskDefinition(_ arn: String) -> Command {
        Command("aws", ["ecs", "describe-task-definition", "--task-definition", arn, "--output", "json"])
    }
}

extension AWS {
    /// The digest the tag points at in ECR; fails when the tag is not there.
    /// `region`: the registry's, when it may not be the profile's (another environment's).
    static func imageDigest(repository: String, tag: String, region: String? = nil) -> Command {
        Command(
            "aws",
            [
                "ecr", "describe-images", "--repository-name", repository, "--image-ids", "imageTag=\(tag)",
                "--query", "imageDetails[0].imageDigest", "--output", "text",
            ] + (region.map { ["--region", $0] } ?? []))
    }

    /// Exits 0 when the tag is in the repository, non-zero (ImageNotFoundException) when not.
    static func describeImage(repository: String, tag: String) -> Command {
        Command(
            "aws",
            [
                "ecr", "describe-images", "--repository-name", repository, "--image-ids", "imageTag=\(tag)",
                "--query", "imageDetails[0].imageTags", "--output", "text",
            ])
    }
}
