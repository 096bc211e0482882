import Foundation

extension PlatformConfig {
    static let fileName = "deploy.json"

    /// The defaults, overridden by `deploy.json` in `root` when there is one. Only "no such file" means the
    /// defaults: a `deploy.json` that is there but cannot be read (a folder, a link to nothing, a FIFO, no
    /// permission) is an error, never silently the defaults.
    static func load(repositoryRoot root: URL) throws(DeployError) -> PlatformConfig {
        let path = root.appendingPathComponent(fileName).path
        var link = stat()
        guard lstat(path, &link) == 0 else {
            if errno == ENOENT { return PlatformConfig() }
            throw .configuration("\(fileName) cannot be read: \(String(cString: strerror(errno)))")
        }
        var file = stat()
        guard stat(path, &file) == 0 else {
            throw .configuration(
                "\(fileName) is a link to nothing (\(String(cString: strerror(errno)))): fix or remove it")
        }
        guard file.st_mode & S_IFMT == S_IFREG else {
            throw .configuration(
                "\(fileName) is \(FileKind.describe(mode: file.st_mode)), not a file: replace it with the JSON file, "
                    + "or remove it for the defaults"
            )
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .configuration(
                "\(fileName) cannot be read (permissions?): make it readable, or remove it for the defaults")
        }
        return try decode(data)
    }

    static let keys = [
        "services", "independent", "sharedPaths", "buildInputs", "dockerfile", "terraformDir", "spas", "targets",
        "buildCache", "healthPaths", "tasks",
    ]

    /// Reads `deploy.json`. Unknown keys are errors, so a typo never silently falls back to a default.
    static func decode(_ data: Data) throws(DeployError) -> PlatformConfig {
        guard let object = try? JSONSerialization.jsonObject(with: data), let json = object as? [String: Any] else {
            throw .configuration("\(fileName) is not a JSON object")
        }
        var config = PlatformConfig()
        for key in json.keys.sorted() {
            let value = json[key]!
            switch key {
            case "services": config.services = try strings(value, key)
            case "independent": config.independent = try strings(value, key)
            case "sharedPaths": config.sharedPaths = try strings(value, key)
            case "buildInputs": config.buildInputs = try strings(value, key)
            case "dockerfile": config.dockerfile = try string(value, key)
            case "terraformDir": config.terraformDir = try string(value, key)
            case "spas": config.spas = try spas(value)
            case "targets": config.targets = try strings(value, key)
            case "buildCache": config.buildCache = try string(value, key)
            case "healthPaths": config.healthPaths = try paths(value, key)
            case "tasks": config.tasks = try tasks(value)
            default:
                let hint = Suggestion.closest(to: key, among: keys).map { "; did you mean '\($0)'?" } ?? ""
                throw .configuration("\(fileName): unknown key '\(key)'\(hint)")
            }
        }
        try config.validate()
        return config
    }

    private func validate() throws(DeployError) {
        for name in (services ?? []) + independent + spas.map(\.name) + tasks.keys.sorted()
        where !Names.isServiceName(name) {
            throw .configuration(
                "\(Self.fileName): '\(name)' is not a valid name: lower-case letters, digits and '-' only")
        }
        for path in [dockerfile, terraformDir] + spas.flatMap({ [$0.dir, $0.dist] }) + sharedPaths + buildInputs {
            if !Self.isRelativePath(path) {
                throw .configuration(
                    "\(Self.fileName): '\(path)' must be a path relative to the repository root, without '..'")
            }
        }
        if let cache = buildCache, !Names.isRepositoryURL(cache) {
            throw .configuration(
                "\(Self.fileName): buildCache '\(cache)' must be a repository URL such as "
                    + "123456789012.dkr.ecr.eu-west-1.amazonaws.com/build-cache"
            )
        }
        for (service, prefix) in healthPaths.sorted(by: { $0.key < $1.key }) where !Names.isURLPath(prefix) {
            throw .configuration(
                "\(Self.fileName): healthPaths '\(service)': '\(prefix)' must be a path such as /v1/\(service), "
                    + "without the trailing /health"
            )
        }
        if let bad = targets.first(where: { !$0.contains("{service}") }) {
            throw .configuration("\(Self.fileName): target '\(bad)' must contain {service}")
        }
    }

    static func isRelativePath(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.hasPrefix("-")
            && !path.split(separator: "/").contains("..")
    }

    private static func string(_ value: Any, _ key: String) throws(DeployError) -> String {
        guard let text = value as? String, !text.isEmpty else {
            throw .configuration("\(fileName): '\(key)' must be a non-empty string")
        }
        return text
    }

    private static func strings(_ value: Any, _ key: String) throws(DeployError) -> [String] {
        guard let list = value as? [String] else {
            throw .configuration("\(fileName): '\(key)' must be a list of strings")
        }
        return list
    }

    private static func paths(_ value: Any, _ key: String) throws(DeployError) -> [String: String] {
        guard let map = value as? [String: String] else {
            throw .configuration(
                "\(fileName): '\(key)' must be an object of service name to path, such as {\"auth\": \"/v1/auth\"}")
        }
        return map
    }

    /// `{"clinical-api": {"before": ["node", "dist/migrate.js"], "timeout": "10m"}}`.
    private static func tasks(_ value: Any) throws(DeployError) -> [String: TaskDeclaration] {
        let example = "such as {\"clinical-api\": {\"before\": [\"node\", \"dist/migrate.js\"], \"timeout\": \"10m\"}}"
        guard let map = value as? [String: Any] else {
            throw .configuration("\(fileName): 'tasks' must be an object of service name to its task, \(example)")
        }
        var tasks: [String: TaskDeclaration] = [:]
        for (service, entry) in map.sorted(by: { $0.key < $1.key }) {
            guard let entry = entry as? [String: Any] else {
                throw .configuration("\(fileName): tasks '\(service)' must be an object, \(example)")
            }
            if let extra = Set(entry.keys).subtracting(["before", "timeout"]).sorted().first {
                throw .configuration(
                    "\(fileName): unknown key '\(extra)' in tasks '\(service)'; expected before, timeout")
            }
            guard let command = entry["before"] as? [String], !command.isEmpty, !command.contains(where: \.isEmpty)
            else {
                throw .configuration(
                    "\(fileName): tasks '\(service)' needs 'before': the command as a list of words, such as "
                        + "[\"node\", \"dist/migrate.js\"]")
            }
            var task = TaskDeclaration(command: command)
            if let timeout = entry["timeout"] {
                guard let text = timeout as? String, let seconds = WaitTime.seconds(text) else {
                    throw .configuration(
                        "\(fileName): tasks '\(service)' timeout must be a duration from 1s to 24h, such as \"10m\"")
                }
                task.timeout = seconds
            }
            tasks[service] = task
        }
        return tasks
    }

    private static func spas(_ value: Any) throws(DeployError) -> [SPA] {
        guard let list = value as? [[String: Any]] else {
            throw .configuration("\(fileName): 'spas' must be a list of {\"name\", \"dir\", \"dist\"} objects")
        }
        return try list.map { (entry) throws(DeployError) -> SPA in
            if let extra = Set(entry.keys).subtracting(["name", "dir", "dist"]).sorted().first {
                throw .configuration("\(fileName): unknown key '\(extra)' in spas; expected name, dir, dist")
            }
            let name = try string(entry["name"] ?? "", "spas.name")
            let dir = try entry["dir"].map { (v) throws(DeployError) in try string(v, "spas.dir") } ?? "apps/\(name)"
            let dist = try entry["dist"].map { (v) throws(DeployError) in try string(v, "spas.dist") } ?? "\(dir)/dist"
            return SPA(name: name, dir: dir, dist: dist)
        }
    }
}
