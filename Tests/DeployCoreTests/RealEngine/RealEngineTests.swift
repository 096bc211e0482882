import Foundation
import Testing

/// The deploy against a real container engine and registry (`make test-engine`): Debian's dockerd 20.10 with
/// BuildKit, and a registry that stands in for ECR, each push registered in the emulator's ECR by the registry's own
/// notification. Each test reads back what the daemon, the registry, the emulator and terraform hold. One at a
/// time: a daemon's builds take both cores.
@Suite(.serialized, .enabled(if: Sandbox.realEngine, "SANDBOX_ENGINE=real (make test-engine)"))
struct RealEngine {
    static let yes = ["--profile", "sandbox", "--yes"]
    static let deploy = ["--var-file", "tfvars/sandbox.tfvars", "--skip-spas"] + yes

    @Test func theSharedLayerIsBuiltOnceThenARerunPushesNothingAndChangedShipsOneImage() throws {
        let sandbox = try Sandbox(services: 9, engine: "real")
        let sha = sandbox.head

        let run = sandbox.deploy(Self.deploy + ["--output", "json"])

        #expect(run.status == 0, "\(run.stderr)")
        let builds = sandbox.dockerWork.filter { $0[1] == "build" }
        #expect(builds.filter { $0.contains("--target") }.count == 1, "the deps stage is built once")
        #expect(builds.count == 1 + 9)
        let deps = sandbox.layers("platform-deps:\(sha)")
        #expect(!deps.isEmpty)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let pushed = Dictionary(
            uniqueKeysWithValues: ((document["images"] as? [[String: Any]]) ?? []).map {
                ($0["service"] as? String ?? "?", $0["digest"] as? String ?? "?")
            })
        let snapshot = sandbox.snapshot()
        for service in sandbox.services {
            let layers = sandbox.layers("\(sandbox.repositoryURL(service)):\(sha)")
            #expect(Array(layers.prefix(deps.count)) == deps && layers.count > deps.count, "\(service) reuses deps")
            let digest = sandbox.registryDigest(service, sha)
            #expect(digest != nil && digest == pushed[service], "\(service): the registry holds what deploy says")
            #expect(snapshot.digests[service]?[sha] == digest, "\(service): the emulator's ECR has the same digest")
            #expect(snapshot.image(service) == "\(sandbox.repositoryURL(service)):\(sha)")
        }
        #expect(!run.stderr.contains("WARNING! Your password"), "docker's login warning is not shown")
        let config = engineConfig(sandbox)
        #expect(!config.contains("dkr.ecr"), "the ECR token is not in the operator's docker configuration: \(config)")
        let checks = (document["verification"] as? [[String: Any]]) ?? []
        #expect(checks.count == 9 && checks.allSatisfy { $0["rollout"] as? String == "steady" })

        let work = sandbox.dockerWork.count
        let again = sandbox.deploy(Self.deploy)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(sandbox.dockerWork.dropFirst(work).isEmpty, "the same SHA again: nothing built, nothing pushed")

        sandbox.commit("services/auth/src/index.js", "console.log('auth v2');\n")
        let before = sandbox.dockerWork.count
        let changed = sandbox.deploy(["--changed"] + Self.deploy)
        #expect(changed.status == 0, "\(changed.stderr)")
        let ran = sandbox.dockerWork.dropFirst(before)
        #expect(ran.filter { $0[1] == "push" }.map { $0[2] } == ["\(sandbox.repositoryURL("auth")):\(sandbox.head)"])
        #expect(ran.filter { $0[1] == "build" }.count == 2, "deps (from the cache) and auth")
        #expect(sandbox.registryDigest("auth", sandbox.head) != nil)
        #expect(sandbox.registryDigest("billing", sandbox.head) == nil)
        #expect(sandbox.liveImage("auth").hasSuffix(":\(sandbox.head)"))
        #expect(sandbox.liveImage("billing").hasSuffix(":\(sha)"))
    }

    /// The docker configuration the sandbox gives its operator (`DOCKER_CONFIG`), as text; empty when none.
    func engineConfig(_ sandbox: Sandbox) -> String {
        let path = sandbox.engineFolder.appendingPathComponent("docker-config/config.json")
        return (try? String(contentsOf: path, encoding: .utf8)) ?? ""
    }

    @Test func aBrokenBuildIsNamedAndCtrlCStopsTheBuildsInTheDaemon() throws {
        let sandbox = try Sandbox(services: 3, engine: "real")
        sandbox.commit("services/auth/FAIL_BUILD", "src/index.ts(3,7): error TS2322: Type 'string' is not a number.\n")
        let (serial, live) = (sandbox.terraformSerial, sandbox.snapshot().live)

        let failed = sandbox.deploy(Self.deploy)

        #expect(failed.status == 1, "\(failed.stderr)")
        #expect(failed.stderr.contains("[build auth] ") && failed.stderr.contains("error TS2322"), "\(failed.stderr)")
        #expect(failed.stderr.contains("RUN build-service"), "BuildKit names the failing step")
        #expect(failed.stderr.contains("deploy: error: step 'build auth' exited with 1"), "\(failed.stderr)")
        #expect(sandbox.terraformSerial == serial && sandbox.snapshot().live == live, "nothing applied")

        // Three slow builds, interrupted while they run in the daemon.
        _ = sandbox.git(["rm", "-q", "services/auth/FAIL_BUILD"])
        for service in sandbox.services { sandbox.commit("services/\(service)/SLOW_BUILD", "47\n") }
        let deploy = sandbox.startDeploy(Self.deploy)
        let sleeping = { Sandbox.processes(containing: "sleep 47").count }
        #expect(Sandbox.waitUntil(seconds: 180) { sleeping() > 0 }, "a build reached its slow step")
        deploy.signal(SIGINT)
        let ended = deploy.wait(seconds: 60)

        #expect(ended.status == 130, "\(ended.stderr)")
        #expect(ended.stderr.contains("interrupted by SIGINT"), "\(ended.stderr)")
        #expect(ended.stdout.contains("STOPPED"), "the builds are reported interrupted, not failed: \(ended.stdout)")
        let clients = Sandbox.processes(containing: "docker").filter { sandbox.talksToThisEngine($0.pid) }
            .filter { !$0.command.contains("dockerd") && !$0.command.contains("containerd") }
        #expect(clients.isEmpty, "no docker client left: \(clients)")
        #expect(Sandbox.waitUntil(seconds: 10) { sleeping() == 0 }, "the daemon stopped the builds")
        #expect(sandbox.history.last?["result"] as? String == "interrupted")
        #expect(sandbox.terraformSerial == serial)
    }

    @Test func pruneKeepsVolumesAndAStoppedDaemonIsSaidBeforeAnyRead() throws {
        let sandbox = try Sandbox(services: 2, engine: "real")
        #expect(sandbox.deploy(["--skip-tf", "--skip-spas", "--services", "auth"] + Self.yes).status == 0)
        sandbox.engine(["volume", "create", "dev-db"])
        let wrote = sandbox.engine(["run", "--rm", "-v", "dev-db:/data", "base:1", "sh", "-c", "echo rows >/data/t"])
        #expect(wrote.status == 0, "\(wrote.stderr)")
        let images = { sandbox.engine(["image", "ls", "--format", "{{.Repository}}:{{.Tag}}"]).stdout }
        #expect(images().contains("platform-deps:"))

        let pruned = sandbox.deploy(["prune", "--yes"])

        #expect(pruned.status == 0, "\(pruned.stderr)")
        #expect(!images().contains("platform-deps:") && !images().contains("/auth:"), "\(images())")
        #expect(images().contains("base:1"), "an image a container uses stays")
        let cache = sandbox.engine(["system", "df", "--format", "{{.Type}} {{.Size}}"]).stdout
        #expect(cache.contains("Build Cache 0B"), "\(cache)")
        #expect(sandbox.engine(["run", "--rm", "-v", "dev-db:/data", "base:1", "cat", "/data/t"]).stdout == "rows\n")

        sandbox.stopDaemon()
        let (aws, serial) = (sandbox.calls("aws").count, sandbox.terraformSerial)
        let refused = sandbox.deploy(Self.deploy)
        #expect(refused.status == 1)
        let line = "deploy: error: the docker engine does not answer (Cannot connect to the Docker daemon at "
        #expect(refused.stderr.hasPrefix(line) && refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
        #expect(refused.stderr.contains("start it"))
        #expect(sandbox.calls("aws").count == aws && sandbox.terraformSerial == serial, "nothing was read")
        let check = sandbox.deploy(["check", "--var-file", "tfvars/sandbox.tfvars", "--profile", "sandbox"])
        #expect(check.stdout.contains("FAIL  docker engine  the docker engine does not answer (Cannot connect"))
    }
}
