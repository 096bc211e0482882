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
            let held = state.withLock { $0.digests["\(repository):\(tag)"] } ?? digest(repository, tag)
            return .ok(arguments.contains("imageDetails[0].imageDigest") ? held : tag)
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
        case ["ecs", "describe-task-definition"]:
            return .ok(describeTaskDefinition(arguments[3], secrets: state.withLock(\.secrets)))
        case ["ecs", "register-task-definition"], ["ecs", "run-task"], ["ecs", "stop-task"],
            ["ecs", "deregister-task-definition"]:
            return state.withLock { oneOffTask(arguments, &$0) }
        case ["ecs", "describe-tasks"] where arguments.contains { $0.contains("/oneoff-") }:
            return .ok(state.withLock { oneOffTasks(arguments, $0) })
        case ["elbv2", "describe-target-groups"], ["elbv2", "describe-target-group-attributes"]:
            return state.withLock { elbv2(arguments, $0) }
        case ["ssm", "describe-parameters"]:
            let filter = arguments[arguments.firstIndex(of: "--parameter-filters")! + 1]
            let asked =
                ((try? JSONSerialization.jsonObject(with: Data(filter.utf8))) as? [[String: Any]])?.first?[
                    "Values"] as? [String] ?? []
            let held = state.withLock(\.parameters)
            return .ok(JSONText.line(asked.filter(held.contains)))
        case ["secretsmanager", "describe-secret"]:
            let id = arguments[arguments.firstIndex(of: "--secret-id")! + 1]
            guard state.withLock({ $0.secretARNs.contains(id) }) else {
                return .failed(
                    "An error occurred (ResourceNotFoundException) when calling the DescribeSecret operation: "
                        + "Secrets Manager can't find the specified secret.")
            }
            return .ok(id)
        case ["ecs", "list-tasks"] where arguments.contains("RUNNING"):
            let services = state.withLock { $0.revisions.keys.sorted() }
            let arns = services.map { #""arn:aws:ecs:eu-west-1:123456789012:task/platform-prod/run-\#($0)""# }
            return .ok(#"{"taskArns": [\#(arns.joined(separator: ", "))]}"#)
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
            let service = name.hasPrefix("prod-") ? String(name.dropFirst("prod-".count)) : String(name)
            guard let revisions = model.revisions[service] else { return nil }
            let tag = revisions.last!
            let play = model.rollouts["\(service)@\(tag)"] ?? model.rollouts[service] ?? "COMPLETED"
            let deployments = self.deployments(service, revisions, play: play)
            let balanced =
                model.targetGroups[service] == nil
                ? "" : #""loadBalancers": [{"targetGroupArn": "\#(targetGroup(service))", "containerName": "app"}], "#
            return #"{"serviceName": "\#(name)", "status": "ACTIVE", "taskDefinition": "\#(deployments.runs)", "#
                + #""desiredCount": 1, \#(balanced)"deployments": [\#(deployments.rows.joined(separator: ", "))]}"#
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
    static func targetGroup(_ service: String) -> String {
        "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/prod-\(service)/0123456789abcdef"
    }

    /// The target groups' health checks and deregistration delays.
    static func elbv2(_ arguments: [String], _ model: State) -> RunResult {
        let service = { (arn: String) in String(arn.split(separator: "/")[1].dropFirst("prod-".count)) }
        if arguments[1] == "describe-target-groups" {
            let arns = arguments.drop { $0 != "--target-group-arns" }.dropFirst().prefix { !$0.hasPrefix("--") }
            let rows = arns.compactMap { arn in
                model.targetGroups[service(arn)].map {
                    #"{"TargetGroupArn": "\#(arn)", "HealthCheckIntervalSeconds": \#($0.interval), "#
                        + #""HealthyThresholdCount": \#($0.threshold), "HealthCheckTimeoutSeconds": 5}"#
                }
            }
            return .ok(#"{"TargetGroups": [\#(rows.joined(separator: ", "))]}"#)
        }
        let arn = arguments[arguments.firstIndex(of: "--target-group-arn")! + 1]
        let delay = model.targetGroups[service(arn)]?.delay ?? 300
        return .ok(#"[{"Key": "deregistration_delay.timeout_seconds", "Value": "\#(delay)"}]"#)
    }

    /// A task before a roll: registering its task definition, running it, stopping it, deregistering it.
    static func oneOffTask(_ arguments: [String], _ model: inout State) -> RunResult {
        func value(_ flag: String) -> String { arguments[arguments.firstIndex(of: flag)! + 1] }
        switch arguments[1] {
        case "register-task-definition":
            let file = String(value("--cli-input-json").dropFirst("file://".count))
            let input =
                (try? JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))))
                as? [String: Any]
            let family = input?["family"] as? String ?? "?"
            let arn = "arn:aws:ecs:eu-west-1:123456789012:task-definition/\(family):1"
            model.registered.append(JSONText.line(object: input ?? [:]) ?? "?")
            return .ok(#"{"taskDefinition": {"taskDefinitionArn": "\#(arn)"}}"#)
        case "run-task":
            let service = value("--task-definition").split(separator: "/").last!.split(separator: ":")[0]
                .dropFirst("prod-".count).dropLast("-deploy-task".count)
            return .ok(
                #"{"tasks": [{"taskArn": "arn:aws:ecs:eu-west-1:123456789012:task/platform-prod/oneoff-\#(service)"}], "failures": []}"#
            )
        case "stop-task":
            model.stoppedTasks.insert(value("--task"))
            return .ok("{}")
        default:
            model.deregistered.append(value("--task-definition"))
            return .ok(value("--task-definition"))
        }
    }

    /// The one-off task of a service: stopped with its exit code, or running until it is stopped.
    static func oneOffTasks(_ arguments: [String], _ model: State) -> String {
        let arn = arguments.first { $0.contains("/oneoff-") }!
        let service = String(arn.split(separator: "/").last!.dropFirst("oneoff-".count))
        let exit = model.taskExits[service] ?? 0
        let definition = "arn:aws:ecs:eu-west-1:123456789012:task-definition/prod-\(service)-deploy-task:1"
        if exit == nil && !model.stoppedTasks.contains(arn) {
            return
                #"{"tasks": [{"taskArn": "\#(arn)", "taskDefinitionArn": "\#(definition)", "lastStatus": "RUNNING", "#
                + #""containers": [{"name": "app"}]}]}"#
        }
        let container = exit.map { #"{"name": "app", "exitCode": \#($0)}"# } ?? #"{"name": "app"}"#
        let stop = exit == nil ? "UserInitiated" : "EssentialContainerExited"
        return #"{"tasks": [{"taskArn": "\#(arn)", "taskDefinitionArn": "\#(definition)", "lastStatus": "STOPPED", "#
            + #""stopCode": "\#(stop)", "stoppedReason": "scripted", "containers": [\#(container)]}]}"#
    }

    static func describeTaskDefinition(_ arn: String, secrets: [String: [String: String]] = [:]) -> String {
        let family = arn.split(separator: "/").last!.split(separator: ":")[0].dropFirst("prod-".count)
        let service = family.split(separator: "-").dropLast().joined(separator: "-")
        let tag = family.split(separator: "-").last!
        let logs =
            #""logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/prod-\#(service)", "#
            + #""awslogs-stream-prefix": "ecs"}}"#
        let listed = (secrets[service] ?? [:]).sorted { $0.key < $1.key }.map {
            #"{"name": "\#($0.key)", "valueFrom": "\#($0.value)"}"#
        }
        return
            #"{"taskDefinition": {"taskDefinitionArn": "\#(arn)", "family": "\#(family)", "networkMode": "awsvpc", "#
            + #""containerDefinitions": [{"name": "app", "image": "\#(registry)/\#(service):\#(tag)", "#
            + #""secrets": [\#(listed.joined(separator: ", "))], \#(logs)}]}}"#
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
            return
                #"{"taskArn": "\#(arn)", "taskDefinitionArn": "\#(definition)", "group": "service:prod-\#(service)", "#
                + #""lastStatus": "RUNNING", "#
                + #""containers": [{"name": "app", "image": "\#(registry)/\#(service):\#(tag)", "#
                + #""imageDigest": "\#(runs)"}]}"#
        }
        return #"{"tasks": [\#(tasks.joined(separator: ", "))], "failures": []}"#
    }

    /// The digest the model's ECR gives a tag: the same for the same image, made up (no hashing needed).
    /// The same in every environment's repository of a service (`staging-auth` as `auth`): one image, one digest.
    static func digest(_ repository: String, _ tag: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        let service = repository.hasPrefix("staging-") ? String(repository.dropFirst("staging-".count)) : repository
        for byte in "\(service):\(tag)".utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
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
