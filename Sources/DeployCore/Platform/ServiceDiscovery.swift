import Foundation

/// Finds the backend services: each `services/<name>/` with a `package.json`, minus the independent ones,
/// unless `deploy.json` lists them explicitly.
enum ServiceDiscovery {
    static func services(in root: URL, config: PlatformConfig) throws(DeployError) -> [String] {
        let names = config.services ?? folders(in: root.appendingPathComponent("services"))
        let bad = names.filter { !Names.isServiceName($0) }
        if let first = bad.first {
            throw .configuration(
                "services/\(first) is not a valid service name: lower-case letters, digits and '-' only; rename it "
                    + "or list the services in \(PlatformConfig.fileName)"
            )
        }
        let found = names.filter { !config.independent.contains($0) }.sorted()
        if found.isEmpty { throw .configuration("no services found under services/*/package.json in \(root.path)") }
        return found
    }

    private static func folders(in services: URL) -> [String] {
        let fm = FileManager.default
        guard let entries = try? fm.contentsOfDirectory(atPath: services.path) else { return [] }
        return entries.filter { name in
            !name.hasPrefix(".")
                && fm.fileExists(
                    atPath: services.appendingPathComponent(name).appendingPathComponent("package.json").path)
        }
    }
}
