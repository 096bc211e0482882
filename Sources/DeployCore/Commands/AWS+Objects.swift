/// The S3 object calls the shared lock and history make, with S3's conditional writes: a create that fails
/// when the key exists, a replace or delete that fails unless the object is still the version read.
extension AWS {
    /// What must hold for a write to happen.
    enum Condition: Equatable, Sendable {
        case none
        /// No object has the key yet (`--if-none-match '*'`): an atomic create.
        case absent
        /// The object is still the version with this ETag (`--if-match`): a compare-and-swap.
        case version(String)
    }

    /// Writes `body` (a file) at `key`; prints the new ETag. A failed condition is `PreconditionFailed` (412).
    static func putObject(bucket: String, key: String, body: String, condition: Condition = .none) -> Command {
        Command(
            "aws",
            [
                "s3api", "put-object", "--bucket", bucket, "--key", key, "--body", body, "--content-type",
                "application/json",
            ]
                + conditionArguments(condition) + ["--output", "json"])
    }

    /// Writes the object at `key` into the file `to`; prints its metadata (the ETag). `NoSuchKey` when absent.
    static func getObject(bucket: String, key: String, to file: String) -> Command {
        Command("aws", ["s3api", "get-object", "--bucket", bucket, "--key", key, file, "--output", "json"])
    }

    /// Deletes `key`, only while it is still the version with this ETag.
    static func deleteObject(bucket: String, key: String, ifMatch etag: String) -> Command {
        Command("aws", ["s3api", "delete-object", "--bucket", bucket, "--key", key, "--if-match", etag])
    }

    /// Every key under `prefix`, in S3's order (lexicographic), as a JSON list (`null` when there is none).
    static func listKeys(bucket: String, prefix: String) -> Command {
        Command(
            "aws",
            [
                "s3api", "list-objects-v2", "--bucket", bucket, "--prefix", prefix, "--query", "Contents[].Key",
                "--output", "json",
            ])
    }

    /// Downloads these objects (names under `prefix`) into `folder`, concurrently, in one process.
    static func download(bucket: String, prefix: String, names: [String], to folder: String) -> Command {
        Command(
            "aws",
            ["s3", "cp", "s3://\(bucket)/\(prefix)", folder, "--recursive", "--exclude", "*"]
                + names.flatMap { ["--include", $0] } + ["--no-progress", "--only-show-errors"])
    }

    private static func conditionArguments(_ condition: Condition) -> [String] {
        switch condition {
        case .none: return []
        case .absent: return ["--if-none-match", "*"]
        case .version(let etag): return ["--if-match", etag]
        }
    }
}
