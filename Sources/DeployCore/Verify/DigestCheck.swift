/// After the rollouts end steady: reads the cluster's running tasks once (one `list-tasks`, one `describe-tasks` per
/// hundred), and judges each service's against the digest this deploy pushed or found (`DigestJudge`).
struct DigestCheck: Sendable {
    let runner: any CommandRunner

    /// Service → its verdict.
    func check(_ rollouts: [(Expectations.Rollout, expected: String)], cluster: String) async
        -> [String: DigestJudge.Verdict]
    {
        guard !rollouts.isEmpty else { return [:] }
        let read = await outcome { () async throws(DeployError) -> [TaskImage] in
            let arns = TaskDocuments.taskArns(try await runner.query(AWS.listRunningTasks(cluster: cluster)))
            return try await concurrentMap(AWS.taskBatches(arns), limit: 4) { [runner] (batch) throws(DeployError) in
                TaskDocuments.images(try await runner.query(AWS.describeTasks(cluster: cluster, tasks: batch)))
            }.flatMap { $0 }
        }
        var verdicts: [String: DigestJudge.Verdict] = [:]
        for (rollout, expected) in rollouts {
            switch read {
            case .success(let tasks):
                let own = tasks.filter { $0.group == nil || $0.group == "service:\(rollout.ecsName)" }
                verdicts[rollout.service] = DigestJudge.judge(expected: expected, image: rollout.image, tasks: own)
            case .failure(let error):
                verdicts[rollout.service] = .unknown("could not read its tasks (\(error.message))")
            }
        }
        return verdicts
    }
}
