import Foundation
import Synchronization
import Testing

@testable import DeployCore

/// The runner against tiny fixture scripts: big output on both streams, exit codes, signals, pipes.
@Suite struct ProcessRunnerTests {
    let folder = TemporaryFolder("runner")

    func runner(_ environment: [String: String] = [:], children: ChildRegistry = ChildRegistry()) -> ProcessRunner {
        let base = ["PATH": "\(folder.path):/usr/bin:/bin"].merging(environment) { $1 }
        return ProcessRunner(environment: base, workingDirectory: folder.url, children: children, drainDeadline: 2)
    }

    func script(_ name: String, _ body: String) -> String {
        folder.write(name, "#!/bin/sh\n" + body, executable: true)
        return name
    }

    @Test func moreThan64KiBOnBothStreamsDoesNotBlock() async throws {
        let tool = script(
            "noisy",
            "i=0; while [ $i -lt 2000 ]; do echo \"out line $i padded to be long enough\"; echo \"err line $i padded "
                + "to be long enough\" >&2; i=$((i+1)); done\n"
        )
        let lines = Lines()
        let result = try await runner().run(.run(Command(tool, [])), capture: false) { lines.append($0) }
        #expect(result.status == .exited(0))
        #expect(lines.count(.stdout) == 2000)
        #expect(lines.count(.stderr) == 2000)
        #expect(result.tail.count == 20)
    }

    /// A child that prints one 4 MB line (a build tool's progress without newlines) costs a line cut at 64 KiB.
    @Test func aFourMegabyteLineIsCutAndTheRunGoesOn() async throws {
        let tool = script("long", "head -c 4000000 /dev/zero | tr '\\0' 'x' >&2; echo >&2; echo done >&2\n")
        let lines = Lines()
        let result = try await runner().run(.run(Command(tool, [])), capture: false) { lines.append($0) }
        #expect(result.status == .exited(0))
        #expect(lines.all.map(\.text).last == "done")
        let first = try #require(lines.all.first?.text)
        #expect(first.hasSuffix("[… cut: the line is longer than 64 KiB]") && first.count < 70_000)
    }

    @Test func captureKeepsStdoutWhole() async throws {
        let tool = script("big", "head -c 100000 /dev/zero | tr '\\0' 'x'; echo oops >&2\n")
        let lines = Lines()
        let result = try await runner().run(.run(Command(tool, [])), capture: true) { lines.append($0) }
        #expect(result.stdout.count == 100_000)
        #expect(lines.all == [OutputLine(.stderr, "oops")])
    }

    @Test func aNonZeroExitIsAResultNotAnError() async throws {
        let tool = script("fails", "echo 'about to fail' >&2; exit 4\n")
        let result = try await runner().run(.run(Command(tool, [])), capture: false) { _ in }
        #expect(result.status == .exited(4))
        #expect(result.tail == ["about to fail"])
    }

    @Test func deathBySignalIsToldApartFromAnExitCode() async throws {
        let killed = try await runner().run(.run(Command(script("killed", "kill -TERM $$\n"), [])), capture: false) {
            _ in
        }
        let exited = try await runner().run(.run(Command(script("exits15", "exit 15\n"), [])), capture: false) { _ in }
        #expect(killed.status == .signaled(15))
        #expect(exited.status == .exited(15))
    }

    @Test func aMissingToolIsNamed() async {
        await #expect(throws: DeployError.toolNotFound("no-such-tool")) {
            try await runner().run(.run(Command("no-such-tool", [])), capture: false) { _ in }
        }
        #expect(
            DeployError.toolNotFound("terraform").message
                == "terraform not found on PATH: install it or add its folder to PATH")
    }

    @Test func environmentIsMergedAndStdinIsEmpty() async throws {
        let tool = script("env", "echo \"$BASE $EXTRA\"; cat; echo end\n")
        let command = Command(tool, [], environment: ["EXTRA": "extra"])
        let result = try await runner(["BASE": "base"]).run(.run(command), capture: true) { _ in }
        #expect(String(decoding: result.stdout, as: UTF8.self) == "base extra\nend\n")
    }

    @Test func aPipeFeedsTheConsumerWithoutPassingThroughDeploy() async throws {
        let producer = script("secret", "echo s3cr3t-password\n")
        let consumer = script("login", "read pw; echo \"got ${#pw} bytes\"\n")
        let lines = Lines()
        let result = try await runner().run(.pipe(Command(producer, []), into: Command(consumer, [])), capture: false) {
            lines.append($0)
        }
        #expect(result.status == .exited(0))
        #expect(lines.all == [OutputLine(.stdout, "got 15 bytes")])
    }

    @Test func aFailingProducerFailsThePipe() async throws {
        let producer = script("noauth", "echo 'Unable to locate credentials' >&2; exit 255\n")
        let consumer = script("consume", "cat >/dev/null; exit 0\n")
        let result = try await runner().run(.pipe(Command(producer, []), into: Command(consumer, [])), capture: false) {
            _ in
        }
        #expect(result.status == .exited(255))
        #expect(result.tail == ["Unable to locate credentials"])
    }

    @Test func interruptionReachesTheChildAndItsChildren() async throws {
        let children = ChildRegistry(gracePeriod: 1)
        let pidFile = folder.url.appendingPathComponent("grandchild.pid").path
        let tool = script("sleeper", "sleep 30 & echo $! > \(pidFile); wait\n")
        let started = Date()
        let runner = runner(children: children)
        let run = Task {
            await outcome { () async throws(DeployError) in
                try await runner.run(.run(Command(tool, [])), capture: false) { _ in }
            }
        }
        // The shell creates the file before it writes the pid: wait for the whole line.
        while !((try? String(contentsOfFile: pidFile, encoding: .utf8))?.hasSuffix("\n") ?? false) {
            try await Task.sleep(for: .milliseconds(20))
        }
        children.interrupt(with: SIGINT)
        // The child's real end is kept, and the interruption told apart from a failure.
        let result = try await run.value.get()
        #expect(result.interruption == SIGINT && result.status == .signaled(SIGINT))
        #expect(Date().timeIntervalSince(started) < 10)
        let grandchild = pid_t(
            try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))!
        var alive = true
        for _ in 0..<60 where alive {
            try await Task.sleep(for: .milliseconds(50))
            alive = Self.isRunning(grandchild)
        }
        #expect(!alive, "the background sleep was killed after the grace period")
        await #expect(throws: DeployError.interrupted(signal: SIGINT)) {
            try await runner.run(.run(Command(tool, [])), capture: false) { _ in }
        }
    }

    /// Running, as opposed to gone or a zombie (no init reaps orphans in some containers).
    static func isRunning(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
        let state = stat.split(separator: ")").last?.split(separator: " ").first
        return state != "Z" && state != "X"
    }
}

extension ProcessRunnerTests {
    @Test func aChildPastItsTimeoutIsAskedToStopThenKilled() async throws {
        let polite = script("polite", "trap 'echo stopping >&2; exit 3' INT; sleep 30 & wait\n")
        var command = Command(polite, [])
        command.timeout = Command.Timeout(seconds: 0.3, grace: 5)
        let stopped = try await runner().run(.run(command), capture: false) { _ in }
        #expect(stopped.timedOut && stopped.status == .exited(3) && stopped.tail == ["stopping"])

        let stubborn = script("stubborn", "trap '' INT; sleep 30\n")
        command = Command(stubborn, [])
        command.timeout = Command.Timeout(seconds: 0.2, grace: 0.3)
        let started = Date()
        let killed = try await runner().run(.run(command), capture: false) { _ in }
        #expect(killed.timedOut && killed.status == .signaled(SIGKILL))
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test func aChildWithALogWritesToTheFileWhichIsFollowedLineByLine() async throws {
        let tool = script(
            "applies", "echo 'Plan: 2 to change.'; echo 'warning' >&2; sleep 0.3; echo 'Apply complete!'\n")
        let log = folder.url.appendingPathComponent("apply.log")
        var command = Command(tool, [])
        command.log = log.path
        let lines = Lines()
        let result = try await runner().run(.run(command), capture: false) { lines.append($0) }
        #expect(result.status == .exited(0))
        #expect(lines.all.map(\.text) == ["Plan: 2 to change.", "warning", "Apply complete!"])
        #expect(try String(contentsOf: log, encoding: .utf8) == "Plan: 2 to change.\nwarning\nApply complete!\n")
        let mode = try FileManager.default.attributesOfItem(atPath: log.path)[.posixPermissions] as? Int
        #expect(mode == 0o600, "an apply's output may name secrets")
    }
}
