import Foundation
import Testing

@testable import DeployCore

/// docs/deploy-operator-policy.json allows every call deploy makes: each command runs against the scripted platform,
/// and every aws call (and docker push, which uses the registry's token) is mapped to the IAM actions it needs.
@Suite struct PolicyTests {
    /// What each aws CLI call needs; a call not listed here fails the test, so a new one cannot slip past the policy.
    static let actions: [String: [String]] = [
        "sts get-caller-identity": [], "configure get": [], "--version": [],
        "ecr get-login-password": ["ecr:GetAuthorizationToken"],
        "ecr describe-images": ["ecr:DescribeImages"],
        "ecr describe-repositories": ["ecr:DescribeRepositories"],
        "s3 sync": ["s3:ListBucket", "s3:PutObject", "s3:DeleteObject"],
        "s3 cp": ["s3:ListBucket", "s3:GetObject"],
        "s3api put-object": ["s3:PutObject"], "s3api get-object": ["s3:GetObject"],
        "s3api head-object": ["s3:GetObject"], "s3api delete-object": ["s3:DeleteObject"],
        "s3api list-objects-v2": ["s3:ListBucket"], "s3api head-bucket": ["s3:ListBucket"],
        "cloudfront create-invalidation": ["cloudfront:CreateInvalidation"],
        "cloudfront get-distribution": ["cloudfront:GetDistribution"],
        "ecs describe-services": ["ecs:DescribeServices"],
        "ecs describe-task-definition": ["ecs:DescribeTaskDefinition"],
        "ecs describe-clusters": ["ecs:DescribeClusters"], "ecs list-tasks": ["ecs:ListTasks"],
        "ecs describe-tasks": ["ecs:DescribeTasks"], "logs get-log-events": ["logs:GetLogEvents"],
        "ecs register-task-definition": ["ecs:RegisterTaskDefinition"],
        "ecs run-task": ["ecs:RunTask", "iam:PassRole"], "ecs stop-task": ["ecs:StopTask"],
        "ecs deregister-task-definition": ["ecs:DeregisterTaskDefinition"],
        "ssm describe-parameters": ["ssm:DescribeParameters"],
        "elbv2 describe-target-groups": ["elasticloadbalancing:DescribeTargetGroups"],
        "elbv2 describe-target-group-attributes": ["elasticloadbalancing:DescribeTargetGroupAttributes"],
        "secretsmanager describe-secret": ["secretsmanager:DescribeSecret"],
        "docker push": [
            "ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart",
            "ecr:CompleteLayerUpload", "ecr:PutImage",
        ],
        "docker buildx": [
            "ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart",
            "ecr:CompleteLayerUpload", "ecr:PutImage", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer",
        ],
    ]

    static let policy: Set<String> = {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
                "docs/deploy-operator-policy.json")
        let document = (try? JSONSerialization.jsonObject(with: Data(contentsOf: file))) as? [String: Any]
        let statements = document?["Statement"] as? [[String: Any]] ?? []
        return Set(statements.flatMap { $0["Action"] as? [String] ?? [] })
    }()

    /// Every command, as an operator runs them one after the other.
    static let runs: [[String]] = {
        let target = ["--var-file", "tfvars/prod.tfvars", "--profile", "p"]
        return [
            target + ["--yes", "--min-free-gb", "0"], ["check"] + target, ["status"] + target, ["history"] + target,
            ["rollback"] + target + ["--yes"], ["unlock"] + target + ["--yes"], ["prune", "--yes"],
            target + ["--yes", "--min-free-gb", "0", "--force-rebuild", "--builder", "k8s", "--skip-spas"],
        ]
    }()

    @Test func thePolicyAllowsEveryCallAndEveryActionItListsIsNeeded() async throws {
        let platform = ScriptedPlatform(shared: true)
        platform.folder.write(
            "platform/deploy.json",
            #"{"buildCache": "\#(ScriptedPlatform.registry)/build-cache", "tasks": {"auth": {"before": ["migrate"]}}}"#)
        platform.model.withLock {
            $0.secrets["auth"] = [
                "DB": "/p/db", "KEY": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:k-Ab12Cd",
            ]
            $0.targetGroups = ["auth": (30, 5, 300)]
            ($0.parameters, $0.secretARNs) = (
                ["/p/db"], ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:k-Ab12Cd"]
            )
        }
        for arguments in Self.runs { _ = await platform.run(arguments) }
        // A rollout that fails, read for its diagnosis: its stopped tasks and their logs.
        platform.model.withLock {
            $0.rollouts = ["auth": "FAILED"]
            $0.revisions["auth"] = [ScriptedPlatform.parent]
        }
        _ = await platform.run(Self.runs[0] + ["--force-rebuild"])
        // A task before the roll that runs past its timeout, and is stopped.
        platform.folder.write("platform/deploy.json", #"{"tasks": {"auth": {"before": ["migrate"], "timeout": "1s"}}}"#)
        platform.model.withLock { $0.taskExits["auth"] = .some(nil) }
        _ = await platform.run(Self.runs[0] + ["--force-rebuild"])

        var needed = Set<String>()
        for command in platform.commands
        where command.hasPrefix("aws ") || command.hasPrefix("docker push") || command.hasPrefix("docker buildx")
            || command.contains("| docker login")
        {
            let words = command.split(separator: " ").map(String.init)
            let call = words.prefix(3).dropFirst().joined(separator: " ")
            let key = words[0] == "docker" ? "docker \(words[1])" : call
            guard let actions = Self.actions[key] else {
                Issue.record("\(key) is not mapped: add its IAM actions here and to docs/deploy-operator-policy.json")
                continue
            }
            needed.formUnion(actions)
        }
        #expect(needed.subtracting(Self.policy).isEmpty, "the policy lacks \(needed.subtracting(Self.policy).sorted())")
        #expect(Self.policy.subtracting(needed).isEmpty, "no call needs \(Self.policy.subtracting(needed).sorted())")
    }
}
