import Foundation
import Testing

@testable import DeployCore

/// The team's lock in the deploy bucket, against a bucket with S3's conditional writes: created atomically,
/// refused naming its holder, taken over once stale, lost to a takeover, released only while still ours.
@Suite struct LockTests {
    static let place = DeployBucket(bucket: "team-deploy", workspace: "prod")
    let folder = TemporaryFolder("lock")
    let bucket = FakeBucket()
    let notes = Lines()

    func holder(_ user: String, heartbeat: Date = Date()) -> LockHolder {
        LockHolder(
            arn: "arn:aws:iam::123456789012:user/\(user)", user: user, host: "\(user)-laptop", pid: 42, sha: "abc1234",
            mode: .full, started: "2026-11-29T10:00:00Z", heartbeat: DeployBucket.time(heartbeat),
            history: "deploy/prod/history/x.json")
    }

    func acquire(_ holder: LockHolder, staleAfter: Double = 600) async throws(DeployError) -> SharedLock {
        let reporter = Reporter(out: { _ in }, err: { [notes] in notes.append(OutputLine(.stderr, $0)) })
        return try await SharedLock.acquire(
            holder, store: bucket.store(folder.url), place: Self.place,
            timing: SharedLock.Timing(staleAfter: staleAfter, heartbeat: 60), reporter: reporter,
            unlock: "deploy unlock --var-file tfvars/prod.tfvars")
    }

    @Test func theFirstTakesItTheSecondIsRefusedNamingTheFirstAndAReleaseFreesIt() async throws {
        let first = try await acquire(holder("ops-a"))
        #expect(LockHolder.decode(bucket.body(Self.place.lockKey) ?? Data())?.user == "ops-a")
        await #expect(throws: DeployError.self) { try await acquire(holder("ops-b")) }
        do {
            _ = try await acquire(holder("ops-b"))
        } catch {
            #expect(
                error.message.hasPrefix(
                    "another deploy holds workspace 'prod' (s3://team-deploy/deploy/prod/lock.json): ops-a on "
                        + "ops-a-laptop "
                        + "(pid 42, arn:aws:iam::123456789012:user/ops-a), deploying abc1234 (full) since "
                        + "2026-11-29T10:00:00Z; "
                        + "its heartbeat was "))
            #expect(error.message.hasSuffix("or remove it with deploy unlock --var-file tfvars/prod.tfvars"))
        }
        await first.release()
        #expect(bucket.body(Self.place.lockKey) == nil)
        _ = try await acquire(holder("ops-b"))
    }

    @Test func aStaleLockIsTakenOverSayingWhoseItWas() async throws {
        bucket.put(Self.place.lockKey, holder("ops-a", heartbeat: Date().addingTimeInterval(-700)).json)
        let lock = try await acquire(holder("ops-b"))
        #expect(LockHolder.decode(bucket.body(Self.place.lockKey) ?? Data())?.user == "ops-b")
        #expect(
            notes.all.contains {
                $0.text.hasPrefix("deploy: taking over the stale lock on workspace 'prod' of ops-a on ops-a-laptop")
            })
        await lock.release()
    }

    @Test func aLockTakenOverWhileHeldIsLostAtTheNextHeartbeatAndNotDeleted() async throws {
        let lock = try await acquire(holder("ops-a"))
        lock.startHeartbeat(every: 0.05)
        try await Task.sleep(for: .milliseconds(200))
        #expect(lock.loss == nil, "the heartbeat renews it")
        bucket.put(Self.place.lockKey, holder("ops-b").json)
        for _ in 0..<40 where lock.loss == nil { try await Task.sleep(for: .milliseconds(50)) }
        #expect(
            lock.loss?.message.hasPrefix("someone took over the lock s3://team-deploy/deploy/prod/lock.json") == true)
        await lock.release()
        #expect(
            LockHolder.decode(bucket.body(Self.place.lockKey) ?? Data())?.user == "ops-b", "the new holder's lock stays"
        )
    }

    @Test func aBucketThatCannotBeReachedRefusesTheDeploy() async throws {
        bucket.unreachable.withLock { $0 = "An error occurred (AccessDenied) when calling the PutObject operation" }
        do {
            _ = try await acquire(holder("ops-a"))
            Issue.record("took a lock it could not write")
        } catch {
            #expect(
                error.message.hasPrefix(
                    "not deploying: the deploy bucket s3://team-deploy cannot be reached (aws: An error "
                        + "occurred (AccessDenied) when calling the PutObject operation)"))
            #expect(error.message.hasSuffix("Nothing was built or changed"))
        }
    }

    @Test(arguments: [(30.0, false), (700.0, true)])
    func aHeartbeatOlderThanTheStaleAgeIsADeadDeploys(age: Double, stale: Bool) {
        let holder = holder("ops-a", heartbeat: Date().addingTimeInterval(-age))
        let verdict = LockVerdict.judge(holder, now: Date(), staleAfter: 600)
        if stale {
            guard case .takeOver = verdict else {
                Issue.record("\(verdict)")
                return
            }
        } else {
            guard case .refuse = verdict else {
                Issue.record("\(verdict)")
                return
            }
        }
        #expect(LockVerdict.judge(nil, now: Date(), staleAfter: 600) == .unreadable)
    }
}

/// The team's history in the deploy bucket: one object per deploy, the newest read in one call.
@Suite struct SharedHistoryTests {
    @Test func theNewestAreReadOldestFirstAndADeployThatDiedIsUnfinished() async throws {
        let folder = TemporaryFolder("history")
        let bucket = FakeBucket()
        let place = DeployBucket(bucket: "team-deploy", workspace: "prod")
        let history = SharedHistory(store: bucket.store(folder.url), place: place)
        var record = HistoryTests.record(.full, head: "aaaaaaa", [("auth", "0000000")])
        for (index, result) in [DeployResult.deployed, .started, .failed, .started].enumerated() {
            record.result = result
            try await history.write(
                record, key: place.historyPrefix + "2026-11-29T10:0\(index):00Z-aaaaaaa-00000\(index).json")
        }
        let running = place.historyPrefix + "2026-11-29T10:03:00Z-aaaaaaa-000003.json"
        bucket.put(
            place.lockKey,
            LockHolder(
                arn: "a", user: "ops", host: "h", pid: 1, sha: "aaaaaaa", mode: .full,
                started: "s", heartbeat: "h", history: running
            ).json)

        let newest = try await history.newest(3)

        #expect(newest.records.map(\.result) == [.unfinished, .failed, .started], "the oldest of four is left out")
        #expect(newest.entries.last?.key == running && newest.unreadable.isEmpty)
    }
}
