import Foundation

@testable import DeployCore

/// The aws CLI over the model: the account, ECR, the buckets' build markers, CloudFront and ECS.
extension ScriptedPlatform {
    static func aws(_ arguments: [String], state: Model) -> RunResult {
        switch Array(arguments.prefix(2)) {
        case ["sts", "get-caller-identity"]:
            if let said = state.withLock(\.credentialsFail) { return .failed(said) }
            return .ok(#"{"Account": "123456789012", "Arn": "arn:aws:iam::123456789012:user/ops"}"#)
        case ["configure", "get"]: return .ok("eu-west-1")
        case ["ecr", "describe-images"]:
            let repository = arguments[3]
            let tag = String(arguments[5].dropFirst("imageTag=".count))
            let found = state.withLock { $0.tags[repository]?.contains(tag) ?? false }
            guard found else {
                return .failed("An error occurred (ImageNotFoundException) when calling DescribeImages")
            }
            return .ok(arguments.contains("imageDetails[0].imageDigest") ? digest(repository, tag) : tag)
        case ["s3api", "head-object"]:
            let marker = state.withLock { $0.markers[arguments[3]] }
            return marker.map { .ok($0) } ?? .failed("An error occurred (404) when calling the HeadObject operation")
        case ["s3api", "put-object"] where arguments.contains(AWS.buildMarkerKey):
            let tag = arguments.last.map { String($0.dropFirst("build=".count)) } ?? "?"
            state.withLock { $0.markers[arguments[3]] = tag }
            return .ok(#"{"ETag": "\"1\""}"#)
        case ["cloudfront", "create-invalidation"]:
            return .ok(#"{"Invalidation": {"Id": "I1", "Status": "InProgress"}}"#)
        case ["ecs", "describe-services"]: return .ok(state.withLock { describeServices(arguments, $0) })
        case ["ecs", "describe-task-definition"]: return .ok(describeTaskDefinition(arguments[3]))
        case ["ecs", "list-tasks"] where arguments.contains("RUNNING"):
            let service = arguments[arguments.firstIndex(of: "--service-name")! + 1].dropFirst("prod-".count)
            return .ok(#"{"taskArns": ["arn:aws:ecs:eu-west-1:123456789012:task/platform-prod/run-\#(service)"]}"#)
        case ["ecs", "list-tasks"]:
            return .ok(#"{"taskArns": ["arn:aws:ecs:eu-west-1:123456789012:task/platform-prod/t1"]}"#)
        case ["ecs", "describe-tasks"] where arguments.contains { $0.hasSuffix("/t1") }:
            return .ok(state.withLock { stoppedTask($0) })
        case ["ecs", "describe-tasks"]: return .ok(state.withLock { runningTasks(arguments, $0) })
        case ["logs", "get-log-events"]:
            return .ok(#"{"events": [{"message": "database unreachable, exiting with 1"}]}"#)
        default: return .ok()
        }
    }

    static func describeServices(_ arguments: [String], _ model: State) -> String {
        let names = arguments.drop { $0 != "--services" }.dropFirst().prefix { !$0.hasPrefix("--") }
        let rows = names.compactMap { name -> String? in
            let service = String(name.dropFirst("prod-".count))
            guard let revisions = model.revisions[service] else { return nil }
            let tag = revisions.last!
            let play = model.rollouts["\(service)@\(tag)"] ?? model.rollouts[service] ?? "COMPLETED"
            let deployments = self.deployments(service, revisions, play: play)
            return #"{"serviceName": "\#(name)", "status": "ACTIVE", "taskDefinition": "\#(deployments.runs)", "#
                + #""deployments": [\#(deployments.rows.joined(separator: ", "))]}"#
        }
        return #"{"services": [\#(rows.joined(separator: ", "))]}"#
    }

    /// The service's deployments for a play: the newest revision's one deployment, or (`IN_PROGRESS`) it beside the
    /// one before still serving, or (`ROLLED_BACK`) the one before primary again; and what the service runs.
    static func deployments(_ service: String, _ revisions: [String], play: String) -> (rows: [String], runs: String) {
        func arn(_ position: Int) -> String {
            "arn:aws:ecs:eu-west-1:123456789012:task-definition/prod-\(service)-\(revisions[position]):\(position + 1)"
        }
        func row(_ position: Int, _ status: String, _ state: String, running: Int) -> String {
            #"{"id": "d\#(position)", "status": "\#(status)", "taskDefinition": "\#(arn(position))", "#
                + #""rolloutState": "\#(state)", "rolloutStateReason": "scripted", "runningCount": \#(running), "#
                + #""desiredCount": 1}"#
        }
        let new = revisions.count - 1
        switch play {
        case "ROLLED_BACK" where new > 0:
            return (
                [row(new - 1, "PRIMARY", "COMPLETED", running: 1), row(new, "ACTIVE", "FAILED", running: 0)],
                arn(new - 1)
            )
        case "IN_PROGRESS" where new > 0:
            return (
                [row(new, "PRIMARY", "IN_PROGRESS", running: 0), row(new - 1, "ACTIVE", "COMPLETED", running: 1)],
                arn(new)
            )
        default:
            return ([row(new, "PRIMARY", play, running: play == "COMPLETED" ? 1 : 0)], arn(new))
        }
    }

    /// A revision's ARN names its service and tag, so describing it needs no model. Its one container logs through
    /// awslogs.
    static func describeTaskDefinition(_ arn: String) -> String {
        let family = arn.split(separator: "/").last!.split(separator: ":")[0].dropFirst("prod-".count)
        let service = family.split(separator: "-").dropLast().joined(separator: "-")
        let tag = family.split(separator: "-").last!
        let logs =
            #""logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/prod-\#(service)", "#
            + #""awslogs-stream-prefix": "ecs"}}"#
        return
            #"{"taskDefinition": {"containerDefinitions": [{"name": "app", "image": "\#(registry)/\#(service):\#(tag)", "#
            + #"\#(logs)}]}}"#
    }

    /// A service's one running task (`run-<service>`) runs its newest revision, by the digest its tag has in the
    /// model's ECR, or another when the tag was pushed over (`overwritten`).
    static func runningTasks(_ arguments: [String], _ model: State) -> String {
        let tasks = arguments.filter { $0.contains("/run-") }.compactMap { arn -> String? in
            let service = String(arn.split(separator: "/").last!.dropFirst("run-".count))
            guard let revisions = model.revisions[service], let tag = revisions.last else { return nil }
            let definition =
                "arn:aws:ecs:eu-west-1:123456789012:task-definition/prod-\(service)-\(tag):\(revisions.count)"
            let runs = digest(service, model.overwritten.contains(service) ? tag + "-pushed-over" : tag)
            return #"{"taskArn": "\#(arn)", "taskDefinitionArn": "\#(definition)", "lastStatus": "RUNNING", "#
                + #""containers": [{"name": "app", "image": "\#(registry)/\#(service):\#(tag)", "#
                + #""imageDigest": "\#(runs)"}]}"#
        }
        return #"{"tasks": [\#(tasks.joined(separator: ", "))], "failures": []}"#
    }

    /// The digest the model's ECR gives a tag: the same for the same image, made up (no hashing needed).
    static func digest(_ repository: String, _ tag: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(repository):\(tag)".utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let hex = String(hash, radix: 16)
        return "sha256:" + String(repeating: String(repeating: "0", count: 16 - hex.count) + hex, count: 4)
    }

    /// The one stopped task ECS keeps: of the newest revision of the first service whose rollout fails, its app
    /// exited with 1.
    static func stoppedTask(_ model: State) -> String {
        guard let (service, revisions) = model.revisions.first(where: { model.rollouts[$0.key] != nil }) else {
            return #"{"tasks": []}"#
        }
        let arn =
            "arn:aws:ecs:eu-west-1:123456789012:task-definition/prod-\(service)-\(revisions.last!):\(revisions.count)"
        return #"{"tasks": [{"taskArn": "arn:aws:ecs:eu-west-1:123456789012:task/platform-prod/t1", "#
            + #""taskDefinitionArn": "\#(arn)", "stopCode": "EssentialContainerExited", "#
            + #""stoppedReason": "Essential container in task exited", "#
            + #""containers": [{"name": "app", "exitCode": 1}]}]}"#
    }
}
