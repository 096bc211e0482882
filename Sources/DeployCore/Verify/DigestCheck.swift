/// After a rollout ends steady: reads the service's running tasks and judges the digest they run against the one
/// this deploy pushed or found (`DigestJudge`).
struct DigestCheck: Sendable {
    let runner: any CommandRunner

    func check(_ rollout: Expectations.Rollout, expected: String, cluster: String) async -> DigestJudge.Verdict {
        let read = await outcome { () async throws(DeployError) -> [TaskImage] in
            let arns = TaskDocuments.taskArns(
                try await runner.query(AWS.listRunningTasks(cluster: cluster, service: rollout.ecsName)))
            let batches = AWS.taskBatches(arns)
            return try await concurrentMap(batches, limit: 4) { [runner] (batch) throws(DeployError) in
                TaskDocuments.images(try await runner.query(AWS.describeTasks(cluster: cluster, tasks: batch)))
            }.flatMap { $0 }
        }
        switch read {
        case .success(let tasks): return DigestJudge.judge(expected: expected, image: rollout.image, tasks: tasks)
        case .failure(let error): return .unknown("could not read its tasks (\(error.message))")
        }
    }
}
