import Foundation
import Synchronization

@testable import DeployCore

/// An S3 bucket behind a scripted runner, with S3's conditional writes: what the shared lock and history
/// tests run against. Bodies come and go through the files named in argv, as with the aws CLI.
final class FakeBucket: Sendable {
    struct Object: Equatable {
        var body: Data
        var etag: String
    }

    let objects = Mutex<[String: Object]>([:])
    /// Every call's argv, in order.
    let calls = Mutex<[[String]]>([])
    /// When set, every call fails with this complaint (a bucket that cannot be reached).
    let unreachable = Mutex<String?>(nil)
    private let counter = Mutex(0)

    var runner: FakeRunner { FakeRunner { [self] action in answer(action.commands[0].arguments) } }

    func store(_ scratch: URL) -> ObjectStore { ObjectStore(runner: runner, bucket: "team-deploy", scratch: scratch) }

    func body(_ key: String) -> Data? { objects.withLock { $0[key]?.body } }

    func put(_ key: String, _ body: Data) {
        let etag = nextETag()
        objects.withLock { $0[key] = Object(body: body, etag: etag) }
    }

    private func nextETag() -> String {
        let number = counter.withLock { count in
            count += 1
            return count
        }
        return "\"etag-\(number)\""
    }

    func answer(_ arguments: [String]) -> RunResult {
        calls.withLock { $0.append(arguments) }
        if let said = unreachable.withLock({ $0 }) { return RunResult(status: .exited(255), tail: [said]) }
        func option(_ name: String) -> String? { arguments.firstIndex(of: name).map { arguments[$0 + 1] } }
        let key = option("--key") ?? ""
        let current = objects.withLock { $0[key] }
        switch arguments[1] {
        case "put-object":
            if option("--if-none-match") == "*", current != nil { return Self.precondition }
            if let etag = option("--if-match"), current?.etag != etag { return Self.precondition }
            let body = FileManager.default.contents(atPath: option("--body")!) ?? Data()
            let etag = nextETag()
            objects.withLock { $0[key] = Object(body: body, etag: etag) }
            return RunResult(
                status: .exited(0),
                stdout: Data(#"{"ETag": "\#(etag.replacingOccurrences(of: "\"", with: "\\\""))"}"#.utf8))
        case "get-object":
            guard let current else { return RunResult(status: .exited(255), tail: ["An error occurred (NoSuchKey)"]) }
            try? current.body.write(to: URL(fileURLWithPath: arguments[6]))
            return RunResult(
                status: .exited(0),
                stdout: Data(#"{"ETag": "\#(current.etag.replacingOccurrences(of: "\"", with: "\\\""))"}"#.utf8))
        case "delete-object":
            guard current?.etag == option("--if-match") else { return Self.precondition }
            objects.withLock { $0[key] = nil }
            return RunResult(status: .exited(0))
        case "list-objects-v2":
            let prefix = option("--prefix") ?? ""
            let keys = objects.withLock { $0.keys.filter { $0.hasPrefix(prefix) }.sorted() }
            return RunResult(status: .exited(0), stdout: Data(JSONText.line(keys).utf8))
        case "cp":
            let prefix = String(arguments[2].dropFirst("s3://team-deploy/".count))
            let folder = URL(fileURLWithPath: arguments[3])
            let names = arguments.indices.filter { arguments[$0] == "--include" }.map { arguments[$0 + 1] }
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for name in names { try? body(prefix + name)?.write(to: folder.appendingPathComponent(name)) }
            return RunResult(status: .exited(0))
        default:
            return RunResult(status: .exited(2), tail: ["FakeBucket: \(arguments) is not scripted"])
        }
    }

    static let precondition = RunResult(
        status: .exited(255),
        tail: [
            "An error occurred (PreconditionFailed) when calling the PutObject operation: At least one of the "
                + "pre-conditions you specified did not hold"
        ])
}
