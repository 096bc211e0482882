import Foundation

@testable import DeployCore

/// Runs a test's helper commands (the sandbox scripts, the aws CLI, the deploy binary) and collects
/// their output through files, so the test support does not lean on the runner it tests.
enum Shell {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ argv: [String], environment: [String: String]? = nil, directory: URL? = nil, input: String? = nil)
        -> Result
    {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("shell-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let files = ["in", "out", "err"].map { scratch.appendingPathComponent($0) }
        _ = FileManager.default.createFile(atPath: files[0].path, contents: Data((input ?? "").utf8))
        _ = FileManager.default.createFile(atPath: files[1].path, contents: nil)
        _ = FileManager.default.createFile(atPath: files[2].path, contents: nil)
        // Launched and awaited on a thread of its own with a clear signal mask: test threads block SIGCHLD,
        // and a child (moto_server) would inherit a mask that blocks SIGTERM.
        let exited = DispatchSemaphore(value: 0)
        let status = Status()
        let launch = { @Sendable in
            Signals.unblockAll()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = argv
            if let environment { process.environment = environment }
            if let directory { process.currentDirectoryURL = directory }
            process.standardInput = try! FileHandle(forReadingFrom: files[0])
            process.standardOutput = try! FileHandle(forWritingTo: files[1])
            process.standardError = try! FileHandle(forWritingTo: files[2])
            let done = DispatchSemaphore(value: 0)
            process.terminationHandler = { _ in done.signal() }
            try! process.run()
            done.wait()
            status.value = process.terminationStatus
            exited.signal()
        }
        Thread.detachNewThread(launch)
        exited.wait()
        let read = { (url: URL) in (try? String(contentsOf: url, encoding: .utf8)) ?? "" }
        return Result(status: status.value, stdout: read(files[1]), stderr: read(files[2]))
    }
}

/// The exit status, written by the launching thread before it signals the semaphore the caller waits on.
private final class Status: @unchecked Sendable {
    var value: Int32 = -1
}
