import Foundation

/// The deploy bucket's objects, read and written with the aws CLI. Bodies pass through files in deploy's own
/// folder (the CLI reads a body from a file and writes one to a file), never through argv; each file is
/// removed once the call is done.
struct ObjectStore: Sendable {
    let runner: any CommandRunner
    let bucket: String
    /// Where bodies are staged: `deploy/` under the git folder.
    let scratch: URL

    enum Written: Equatable, Sendable {
        case written(etag: String)
        /// The condition did not hold: someone else wrote or removed the object first.
        case conditionFailed
    }

    func put(_ key: String, _ body: Data, condition: AWS.Condition = .none) async throws(DeployError) -> Written {
        let file = try stage(body)
        defer { try? FileManager.default.removeItem(at: file) }
        let command = AWS.putObject(bucket: bucket, key: key, body: file.path, condition: condition)
        let result = try await runner.capture(.run(command))
        if result.status.succeeded { return .written(etag: S3Answers.etag(result.stdout) ?? "") }
        switch S3Answers.failure(result.tail) {
        case .conditionFailed, .missing: return .conditionFailed
        case .other(let said): throw .bucketUnreachable(bucket: bucket, said: said)
        }
    }

    /// The object's body and ETag; nil when no object has the key.
    func get(_ key: String) async throws(DeployError) -> (body: Data, etag: String)? {
        let file = scratchFile()
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try await runner.capture(.run(AWS.getObject(bucket: bucket, key: key, to: file.path)))
        guard result.status.succeeded else {
            if case .other(let said) = S3Answers.failure(result.tail) {
                throw .bucketUnreachable(bucket: bucket, said: said)
            }
            return nil
        }
        return (FileManager.default.contents(atPath: file.path) ?? Data(), S3Answers.etag(result.stdout) ?? "")
    }

    /// Deletes the object if it is still this version; false when it is not (or is gone).
    func delete(_ key: String, ifMatch etag: String) async throws(DeployError) -> Bool {
        let result = try await runner.capture(.run(AWS.deleteObject(bucket: bucket, key: key, ifMatch: etag)))
        if result.status.succeeded { return true }
        if case .other(let said) = S3Answers.failure(result.tail) {
            throw .bucketUnreachable(bucket: bucket, said: said)
        }
        return false
    }

    /// Every key under `prefix`, sorted.
    func keys(under prefix: String) async throws(DeployError) -> [String] {
        let result = try await runner.capture(.run(AWS.listKeys(bucket: bucket, prefix: prefix)))
        guard result.status.succeeded else {
            throw .bucketUnreachable(bucket: bucket, said: S3Answers.failure(result.tail).said)
        }
        return ((try? JSONSerialization.jsonObject(with: result.stdout, options: .fragmentsAllowed)) as? [String] ?? [])
            .sorted()
    }

    /// The bodies of these keys (all under `prefix`), downloaded in one call; a key that vanished meanwhile is missing.
    func bodies(of keys: [String], under prefix: String) async throws(DeployError) -> [String: Data] {
        guard !keys.isEmpty else { return [:] }
        let folder = scratchFile()
        defer { try? FileManager.default.removeItem(at: folder) }
        let names = keys.map { String($0.dropFirst(prefix.count)) }
        let command = AWS.download(bucket: bucket, prefix: prefix, names: names, to: folder.path)
        let result = try await runner.capture(.run(command))
        guard result.status.succeeded else {
            throw .bucketUnreachable(bucket: bucket, said: S3Answers.failure(result.tail).said)
        }
        var found: [String: Data] = [:]
        for (key, name) in zip(keys, names) {
            found[key] = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)
        }
        return found
    }

    private func stage(_ body: Data) throws(DeployError) -> URL {
        let file = scratchFile()
        do {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            try body.write(to: file, options: .atomic)
        } catch {
            throw .configuration("could not write \(file.path): \(error.localizedDescription)")
        }
        return file
    }

    /// A new path in the scratch folder (made if need be) for one body.
    private func scratchFile() -> URL {
        try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        return scratch.appendingPathComponent("object-\(getpid())-\(UUID().uuidString.prefix(8))")
    }
}

extension S3Answers.Failure {
    /// What the CLI said, for a message.
    var said: String {
        switch self {
        case .conditionFailed: return "a condition did not hold"
        case .missing: return "no such key"
        case .other(let said): return said
        }
    }
}
