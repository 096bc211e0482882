import Foundation
import Testing

@testable import DeployCore

@Suite struct EnvironmentFactsTests {
    static let output = """
        {
          "ecr_repository_urls": {"sensitive": false, "type": ["map", "string"],
                                  "value": {"auth": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/auth"}},
          "ecs_cluster_name": {"value": "platform-prod"},
          "spa_bucket_names": {"value": {"admin-ui": "platform-prod-admin-ui", "simulator": "--delete"}},
          "cloudfront_distribution_ids": {"value": {"admin-ui": "E2ABC"}}
        }
        """

    @Test func readsTheOutputsDeployNeeds() throws {
        let facts = try EnvironmentFacts(terraformOutput: Data(Self.output.utf8))
        #expect(try facts.repositoryURL(for: "auth") == "123456789012.dkr.ecr.eu-west-1.amazonaws.com/auth")
        #expect(facts.clusterName == "platform-prod")
        #expect(try facts.bucketName(for: "admin-ui") == "platform-prod-admin-ui")
        #expect(facts.serviceNames.isEmpty)
    }

    @Test func namesWhatIsMissingOrWrong() throws {
        let facts = try EnvironmentFacts(terraformOutput: Data(Self.output.utf8))
        #expect(
            throws: DeployError.configuration(
                "terraform output 'ecr_repository_urls' has no entry for 'billing': add it to the output and run "
                    + "terraform apply once"
            )
        ) {
            try facts.repositoryURL(for: "billing")
        }
        #expect(
            throws: DeployError.configuration(
                "terraform output 'spa_bucket_names[\"simulator\"]' = '--delete' is not a valid S3 bucket name: fix "
                    + "the output"
            )
        ) {
            try facts.bucketName(for: "simulator")
        }
        #expect(
            throws: DeployError.configuration(
                "terraform output 'cloudfront_distribution_ids' has no entry for 'simulator': add it to the output "
                    + "and run terraform apply once"
            )
        ) {
            try facts.distributionID(for: "simulator")
        }
        let empty = try EnvironmentFacts(terraformOutput: Data("{}".utf8))
        #expect(
            throws: DeployError.configuration(
                "terraform output 'ecr_repository_urls' is missing: add it to the terraform outputs and apply once")
        ) {
            try empty.repositoryURL(for: "auth")
        }
    }
}
