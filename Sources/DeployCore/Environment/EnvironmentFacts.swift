import Foundation

/// What terraform knows about the environment, from `terraform output -json`: registries, cluster,
/// buckets and distributions, the API's address, and the bucket the team's lock and history live in.
struct EnvironmentFacts: Equatable, Sendable {
    var repositoryURLs: [String: String] = [:]
    var clusterName: String?
    var serviceNames: [String: String] = [:]
    var bucketNames: [String: String] = [:]
    var distributionIDs: [String: String] = [:]
    var apiBaseURL: String?
    /// `deploy_bucket` (optional): where the shared lock and history live; without it, this clone's only.
    var deployBucket: String?

    init() {}

    /// Decodes the document `terraform output -json` prints (each output is `{"value": ...}`).
    init(terraformOutput data: Data) throws(DeployError) {
        guard let object = try? JSONSerialization.jsonObject(with: data), let outputs = object as? [String: Any] else {
            throw .configuration(
                "`terraform output -json` did not print a JSON object; has this workspace been applied once?")
        }
        func value(_ name: String) -> Any? { (outputs[name] as? [String: Any])?["value"] }
        func map(_ name: String) throws(DeployError) -> [String: String] {
            guard let raw = value(name) else { return [:] }
            guard let map = raw as? [String: String] else {
                throw .configuration("terraform output '\(name)' must be a map of strings")
            }
            return map
        }
        repositoryURLs = try map("ecr_repository_urls")
        serviceNames = try map("ecs_service_names")
        bucketNames = try map("spa_bucket_names")
        distributionIDs = try map("cloudfront_distribution_ids")
        clusterName = value("ecs_cluster_name") as? String
        deployBucket = try Self.deployBucket(value("deploy_bucket"))
        if let url = value("api_base_url") as? String, !url.isEmpty {
            let trimmed = url.hasSuffix("/") ? String(url.dropLast()) : url
            guard Names.isBaseURL(trimmed) else {
                throw .configuration(
                    "terraform output 'api_base_url' = '\(url)' is not an http(s) URL such as "
                        + "https://api.example.com: fix the output"
                )
            }
            apiBaseURL = trimmed
        }
    }

    /// An empty or null output means none, as a workspace without one has.
    private static func deployBucket(_ value: Any?) throws(DeployError) -> String? {
        guard let value, !(value is NSNull) else { return nil }
        guard let name = value as? String else {
            throw .configuration("terraform output 'deploy_bucket' must be a string")
        }
        if name.isEmpty { return nil }
        guard Names.isBucketName(name) else {
            throw .configuration(
                "terraform output 'deploy_bucket' = '\(name)' is not a valid S3 bucket name: fix the output")
        }
        return name
    }

    /// The ECS service a platform service runs as: its `ecs_service_names` entry, else its own name.
    func ecsName(for service: String) -> String { serviceNames[service] ?? service }

    func repositoryURL(for service: String) throws(DeployError) -> String {
        try entry(repositoryURLs, "ecr_repository_urls", service, valid: Names.isRepositoryURL)
    }

    func bucketName(for spa: String) throws(DeployError) -> String {
        try entry(bucketNames, "spa_bucket_names", spa, valid: Names.isBucketName)
    }

    func distributionID(for spa: String) throws(DeployError) -> String {
        try entry(distributionIDs, "cloudfront_distribution_ids", spa, valid: Names.isDistributionID)
    }

    private func entry(_ map: [String: String], _ output: String, _ key: String, valid: (String) -> Bool)
        throws(DeployError) -> String
    {
        guard !map.isEmpty else {
            throw .configuration(
                "terraform output '\(output)' is missing: add it to the terraform outputs and apply once")
        }
        guard let value = map[key] else {
            throw .configuration(
                "terraform output '\(output)' has no entry for '\(key)': add it to the output and run terraform "
                    + "apply once"
            )
        }
        guard valid(value) else {
            let kinds = [
                "spa_bucket_names": "S3 bucket name", "cloudfront_distribution_ids": "CloudFront distribution id",
            ]
            throw .configuration(
                "terraform output '\(output)[\"\(key)\"]' = '\(value)' is not a valid "
                    + "\(kinds[output] ?? "repository URL"): fix the output"
            )
        }
        return value
    }
}
