import Foundation
import Testing

@testable import DeployCore

/// What a deploy asks of the local docker engine: that it answers before anything is read, a login that stays out
/// of the operator's own configuration, and builds stopped by Ctrl-C said to be so.
@Suite struct EngineTests {
    static let deploy = ["--var-file", "tfvars/prod.tfvars", "--profile", "p", "--yes", "--min-free-gb", "0"]
    static let silent =
        "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?"

    @Test func anEngineThatDoesNotAnswerIsSaidInOneLineBeforeAnyRead() async {
        let platform = ScriptedPlatform()
        platform.model.withLock { $0.failingOnce = ["docker version --format": Self.silent] }
        let run = await platform.run(Self.deploy)
        #expect(run.code == 1)
        #expect(
            run.err
                == "deploy: error: the docker engine does not answer (\(Self.silent)): start it (systemctl start "
                + "docker, or Docker Desktop), or build on a remote builder with --builder <name>; nothing was read "
                + "or built\n")
        #expect(platform.commands == ["docker version --format '{{.Server.Version}}'"])

        platform.model.withLock { $0.failingOnce = ["docker version --format": Self.silent] }
        let check = await platform.run(["check", "--var-file", "tfvars/prod.tfvars", "--profile", "p"])
        #expect(check.out.contains("FAIL  docker engine  the docker engine does not answer (\(Self.silent)): start it"))
    }

    @Test func theRegistryLoginGoesToADockerConfigurationOfTheDeploysOwn() async throws {
        let platform = ScriptedPlatform()
        let home = platform.folder.url.appendingPathComponent("home")
        platform.folder.write("home/.docker/config.json", #"{"auths": {"old": {}}, "currentContext": "mine"}"#)
        platform.folder.write("home/.docker/buildx/instances/k8s", "{}")
        let run = await platform.run(Self.deploy, environment: ["HOME": home.path])
        #expect(run.error == nil, "\(run.err)")

        let docker = platform.runner.actions.flatMap(\.commands).filter { $0.tool == "docker" }
        let configs = Set(docker.filter { $0.arguments.first != "version" }.map { $0.environment["DOCKER_CONFIG"] })
        #expect(configs.count == 1)
        let own = try #require(configs.first ?? nil)
        #expect(!own.hasPrefix(home.path) && !FileManager.default.fileExists(atPath: own), "removed with the deploy")
        let login = try #require(docker.first { $0.arguments.first == "login" })
        #expect(login.unsaid.first == "WARNING! Your password will be stored unencrypted in \(own)")
        #expect(
            try String(contentsOf: home.appendingPathComponent(".docker/config.json"), encoding: .utf8)
                == #"{"auths": {"old": {}}, "currentContext": "mine"}"#, "the operator's own is left as it was")
    }

    @Test func theCopyKeepsTheSettingsAndBuildersButNotTheLogins() throws {
        let folder = TemporaryFolder("docker-config")
        folder.write(".docker/config.json", #"{"auths": {"r": {"auth": "c2VjcmV0"}}, "currentContext": "mine"}"#)
        folder.write(".docker/buildx/instances/k8s", "{}")
        let copy = try #require(DockerConfig.privateCopy(environment: ["HOME": folder.path]))
        defer { DockerConfig.remove(copy) }
        let settings = try JSONSerialization.jsonObject(
            with: Data(contentsOf: copy.appendingPathComponent("config.json")))
        #expect(settings as? [String: String] == ["currentContext": "mine"])
        #expect(FileManager.default.fileExists(atPath: copy.appendingPathComponent("buildx/instances/k8s").path))
        let mode = try FileManager.default.attributesOfItem(atPath: copy.path)[.posixPermissions] as? Int
        #expect(mode == 0o700)
    }

    @Test func buildsStoppedByCtrlCAreSaidToBeInterruptedNotFailed() async {
        let platform = ScriptedPlatform()
        platform.model.withLock { $0.interruptOn = "SERVICE=auth" }
        let run = await platform.run(Self.deploy + ["--jobs", "1"])
        #expect(run.code == 130)
        #expect(run.out.contains("STOPPED") && run.out.contains("build auth  (interrupted by SIGINT)"), "\(run.out)")
        #expect(!run.out.contains("FAILED"))
        #expect(platform.history.last?.steps.first { $0.step == "build auth" }?.result == .interrupted)
    }
}
