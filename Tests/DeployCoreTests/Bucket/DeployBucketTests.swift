import Foundation
import Testing

@testable import DeployCore

/// Where the team's lock and history live in the deploy bucket, and the S3 calls that reach them.
@Suite struct DeployBucketTests {
    let place = DeployBucket(bucket: "team-deploy", workspace: "prod")

    @Test func keysAreBuiltOnePerWorkspaceAndSortByTime() {
        #expect(place.lockKey == "deploy/prod/lock.json")
        #expect(place.lockURL == "s3://team-deploy/deploy/prod/lock.json")
        let started = Date(timeIntervalSince1970: 1_795_000_000)
        #expect(
            place.historyKey(started: started, sha: "abc1234", nonce: "9f3e2a")
                == "deploy/prod/history/2026-11-18T11:06:40Z-abc1234-9f3e2a.json")
        let later = place.historyKey(started: started.addingTimeInterval(1), sha: "0000000", nonce: "000000")
        #expect(later > place.historyKey(started: started, sha: "fffffff", nonce: "ffffff"))
        #expect(DeployBucket.nonce().count == 6 && DeployBucket.nonce().allSatisfy(\.isHexDigit))
    }

    @Test(arguments: [
        (
            AWS.putObject(bucket: "b", key: "k", body: "/tmp/x", condition: .absent),
            [
                "aws", "s3api", "put-object", "--bucket", "b", "--key", "k", "--body", "/tmp/x", "--content-type",
                "application/json", "--if-none-match", "*", "--output", "json",
            ]
        ),
        (
            AWS.putObject(bucket: "b", key: "k", body: "/tmp/x", condition: .version("\"e1\"")),
            [
                "aws", "s3api", "put-object", "--bucket", "b", "--key", "k", "--body", "/tmp/x", "--content-type",
                "application/json", "--if-match", "\"e1\"", "--output", "json",
            ]
        ),
        (
            AWS.getObject(bucket: "b", key: "k", to: "/tmp/y"),
            ["aws", "s3api", "get-object", "--bucket", "b", "--key", "k", "/tmp/y", "--output", "json"]
        ),
        (
            AWS.deleteObject(bucket: "b", key: "k", ifMatch: "\"e1\""),
            ["aws", "s3api", "delete-object", "--bucket", "b", "--key", "k", "--if-match", "\"e1\""]
        ),
        (
            AWS.listKeys(bucket: "b", prefix: "deploy/prod/history/"),
            [
                "aws", "s3api", "list-objects-v2", "--bucket", "b", "--prefix", "deploy/prod/history/", "--query",
                "Contents[].Key",
                "--output", "json",
            ]
        ),
        (
            AWS.download(bucket: "b", prefix: "deploy/prod/history/", names: ["1.json", "2.json"], to: "/tmp/z"),
            [
                "aws", "s3", "cp", "s3://b/deploy/prod/history/", "/tmp/z", "--recursive", "--exclude", "*",
                "--include", "1.json",
                "--include", "2.json", "--no-progress", "--only-show-errors",
            ]
        ),
    ])
    func objectCallsAreArgv(command: Command, expected: [String]) {
        #expect(command.argv == expected)
    }

    @Test func whatS3SaidIsRead() {
        #expect(S3Answers.etag(Data(#"{"ETag": "\"9b2c\"", "VersionId": "v"}"#.utf8)) == "\"9b2c\"")
        #expect(
            S3Answers.failure(["An error occurred (PreconditionFailed) when calling the PutObject operation"])
                == .conditionFailed)
        #expect(
            S3Answers.failure(["An error occurred (ConditionalRequestConflict) when calling the PutObject operation"])
                == .conditionFailed)
        #expect(S3Answers.failure(["An error occurred (NoSuchKey) when calling the GetObject operation"]) == .missing)
        #expect(
            S3Answers.failure(["", "An error occurred (NoSuchBucket) when calling the PutObject operation", ""])
                == .other("An error occurred (NoSuchBucket) when calling the PutObject operation"))
    }

    @Test func theBucketComesFromItsTerraformOutputAndAnEmptyOneIsNone() throws {
        func facts(_ value: String) throws -> EnvironmentFacts {
            try EnvironmentFacts(terraformOutput: Data(#"{"deploy_bucket": {"value": \#(value)}}"#.utf8))
        }
        #expect(try facts(#""team-deploy""#).deployBucket == "team-deploy")
        #expect(try facts(#""""#).deployBucket == nil)
        #expect(try facts("null").deployBucket == nil)
        #expect(
            throws: DeployError.configuration(
                "terraform output 'deploy_bucket' = 'Team_Deploy' is not a valid S3 bucket name: fix the output")
        ) {
            try facts(#""Team_Deploy""#)
        }
    }
}
