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

extension Shell {
    /// A command left running while the test goes on (a deploy that holds a lock), its output in files.
    final class Background: @unchecked Sendable {
        let scratch = TemporaryFolder("background")
        private(set) var pid: Int32 = 0
        private let started = DispatchSemaphore(value: 0)
        private let ended = DispatchSemaphore(value: 0)
        private var status: Int32 = -1

        init(_ argv: [String], environment: [String: String], directory: URL) {
            let (out, err) = (scratch.write("out", ""), scratch.write("err", ""))
            Thread.detachNewThread { [self] in
                Signals.unblockAll()
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                process.arguments = argv
                process.environment = environment
                process.currentDirectoryURL = directory
                process.standardInput = FileHandle.nullDevice
                process.standardOutput = try! FileHandle(forWritingTo: out)
                process.standardError = try! FileHandle(forWritingTo: err)
                let done = DispatchSemaphore(value: 0)
                process.terminationHandler = { _ in done.signal() }
                try! process.run()
                pid = process.processIdentifier
                started.signal()
                done.wait()
                status = process.terminationStatus
                ended.signal()
            }
            started.wait()
        }

        func signal(_ number: Int32) { kill(pid, number) }

        /// Waits for the end (at most `seconds`); the exit status (or the signal) and what it printed.
        func wait(seconds: Double = 120) -> Result {
            _ = ended.wait(timeout: .now() + seconds)
            let read = { (name: String) in
                (try? String(contentsOf: self.scratch.url.appendingPathComponent(name), encoding: .utf8)) ?? ""
            }
            return Result(status: status, stdout: read("out"), stderr: read("err"))
        }
    }

    /// Waits until `file` contains `needle` (at most `seconds`); true when it does.
    @discardableResult
    static func waitFor(_ needle: String, in file: URL, seconds: Double = 60) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let text = try? String(contentsOf: file, encoding: .utf8), text.contains(needle) { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return false
    }
}
