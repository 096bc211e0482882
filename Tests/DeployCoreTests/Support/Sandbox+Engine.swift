import Foundation

/// What a sandbox on the real engine (`Sandbox(engine: "real")`) is asked directly: its daemon, through Debian's
/// docker CLI, and its registry, over HTTPS with the sandbox's CA.
extension Sandbox {
    /// The lane runs only where asked (`make test-engine` sets SANDBOX_ENGINE=real): it needs root and the engine's
    /// packages (`scripts/install-engine.sh`).
    static var realEngine: Bool { ProcessInfo.processInfo.environment["SANDBOX_ENGINE"] == "real" }

    var engineFolder: URL { folder.url.appendingPathComponent("engine") }

    /// The daemon's own answer, through Debian's client, unrecorded.
    @discardableResult
    func engine(_ arguments: [String]) -> Shell.Result {
        Shell.run(["/usr/bin/docker"] + arguments, environment: environment)
    }

    /// The layers of a local image, bottom first.
    func layers(_ image: String) -> [String] {
        let answer = engine(["image", "inspect", "--format", "{{json .RootFS.Layers}}", image]).stdout
        return ((try? JSONSerialization.jsonObject(with: Data(answer.utf8))) as? [String]) ?? []
    }

    /// The digest the registry gives `repository:tag` (its Docker-Content-Digest); nil when it holds no such tag.
    func registryDigest(_ repository: String, _ tag: String) -> String? {
        let password =
            (try? String(contentsOf: engineFolder.appendingPathComponent("password"), encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let address = environment["SANDBOX_REGISTRY"] ?? "?"
        let answer = Shell.run(
            [
                "curl", "-sS", "-o", "/dev/null", "-D", "-", "--cacert", environment["SANDBOX_REGISTRY_CA"] ?? "?",
                "-K", "-", "-H",
                "Accept: application/vnd.docker.distribution.manifest.v2+json, "
                    + "application/vnd.oci.image.manifest.v1+json",
                "-I", "https://\(address)/v2/\(repository)/manifests/\(tag)",
            ], environment: environment, input: "user = \"AWS:\(password)\"\n")
        guard answer.stdout.hasPrefix("HTTP/1.1 200") || answer.stdout.hasPrefix("HTTP/2 200") else { return nil }
        return answer.stdout.split(separator: "\r\n").first { $0.lowercased().hasPrefix("docker-content-digest:") }
            .map { $0.split(separator: " ").last.map(String.init) ?? "" }
    }

    /// The processes on this machine whose command line contains `needle`, with their pids.
    static func processes(containing needle: String) -> [(pid: Int32, command: String)] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry in
            guard let pid = Int32(entry),
                let raw = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline"), !raw.isEmpty
            else { return nil }
            let command = String(decoding: raw.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
            return command.contains(needle) ? (pid, command) : nil
        }
    }

    /// Whether the process `pid` runs with this sandbox's docker engine (its DOCKER_HOST).
    func talksToThisEngine(_ pid: Int32) -> Bool {
        guard let raw = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { return false }
        let variables = raw.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        return variables.contains("DOCKER_HOST=\(environment["DOCKER_HOST"] ?? "?")")
    }

    /// Waits until `condition` holds (at most `seconds`); true when it does.
    static func waitUntil(seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.2)
        }
        return condition()
    }

    /// Stops the daemon alone (the registry and the emulator stay up), as a laptop whose engine is not started.
    func stopDaemon() {
        guard
            let pid = try? String(contentsOf: engineFolder.appendingPathComponent("docker.pid"), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines), let number = Int32(pid)
        else { return }
        kill(number, SIGTERM)
        _ = Self.waitUntil(seconds: 30) { engine(["version", "--format", "{{.Server.Version}}"]).status != 0 }
    }
}
