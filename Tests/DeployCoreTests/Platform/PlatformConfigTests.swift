import Foundation
import Testing

@testable import DeployCore

@Suite struct PlatformConfigTests {
    func decode(_ json: String) throws -> PlatformConfig { try PlatformConfig.decode(Data(json.utf8)) }

    @Test func defaultsAreThePlatformContract() {
        let config = PlatformConfig()
        #expect(config.independent == ["slack-agent"])
        #expect(config.dockerfile == "infra/docker/service.Dockerfile")
        #expect(config.terraformDir == "infra/terraform/aws")
        #expect(config.spas.map(\.name) == ["admin-ui", "simulator"])
        #expect(
            config.targets(for: "auth") == [
                "module.service[\"auth\"].aws_ecs_task_definition.this",
                "module.service[\"auth\"].aws_ecs_service.this",
            ])
    }

    @Test func overridesReplaceOnlyWhatTheyName() throws {
        let config = try decode(
            #"{"terraformDir": "tf", "spas": [{"name": "admin-ui"}], "targets": ["module.svc[\"{service}\"]"]}"#)
        #expect(config.terraformDir == "tf")
        #expect(config.spas == [.init(name: "admin-ui", dir: "apps/admin-ui", dist: "apps/admin-ui/dist")])
        #expect(config.targets(for: "auth") == ["module.svc[\"auth\"]"])
        #expect(config.dockerfile == PlatformConfig().dockerfile)
    }

    @Test(arguments: [
        (#"{"service": ["a"]}"#, "deploy.json: unknown key 'service'; did you mean 'services'?"),
        (
            #"{"spas": [{"name": "a", "bucket": "b"}]}"#,
            "deploy.json: unknown key 'bucket' in spas; expected name, dir, dist"
        ),
        (#"{"services": "auth"}"#, "deploy.json: 'services' must be a list of strings"),
        (
            #"{"services": ["Auth"]}"#,
            "deploy.json: 'Auth' is not a valid name: lower-case letters, digits and '-' only"
        ),
        (
            #"{"terraformDir": "../elsewhere"}"#,
            "deploy.json: '../elsewhere' must be a path relative to the repository root, without '..'"
        ),
        (#"{"targets": ["module.service"]}"#, "deploy.json: target 'module.service' must contain {service}"),
        (#"[1]"#, "deploy.json is not a JSON object"),
    ])
    func invalidFilesAreRefused(json: String, message: String) {
        #expect(throws: DeployError.configuration(message)) { try decode(json) }
    }

    @Test func servicesAreTheFoldersWithAPackageJSONExceptIndependentOnes() throws {
        let repo = TemporaryFolder()
        for name in ["auth", "billing", "slack-agent"] { repo.write("services/\(name)/package.json", "{}") }
        repo.write("services/notes/README.md", "not a service")
        #expect(try ServiceDiscovery.services(in: repo.url, config: PlatformConfig()) == ["auth", "billing"])
    }

    @Test func aServiceFolderWithABadNameIsRefused() {
        let repo = TemporaryFolder()
        repo.write("services/Auth_API/package.json", "{}")
        #expect(throws: DeployError.self) { try ServiceDiscovery.services(in: repo.url, config: PlatformConfig()) }
    }
}

extension PlatformConfigTests {
    @Test func onlyAMissingDeployJSONMeansTheDefaults() throws {
        let folder = TemporaryFolder("config")
        #expect(try PlatformConfig.load(repositoryRoot: folder.url) == PlatformConfig())
        let file = folder.url.appendingPathComponent("deploy.json")
        try FileManager.default.createDirectory(at: file, withIntermediateDirectories: false)
        #expect(
            throws: DeployError.configuration(
                "deploy.json is a folder, not a file: replace it with the JSON file, or remove it for the defaults")
        ) {
            try PlatformConfig.load(repositoryRoot: folder.url)
        }
        try FileManager.default.removeItem(at: file)
        try FileManager.default.createSymbolicLink(atPath: file.path, withDestinationPath: "/nonexistent/deploy.json")
        #expect(
            throws: DeployError.configuration(
                "deploy.json is a link to nothing (No such file or directory): fix or remove it")
        ) {
            try PlatformConfig.load(repositoryRoot: folder.url)
        }
        try FileManager.default.removeItem(at: file)
        #expect(mkfifo(file.path, 0o644) == 0)
        #expect(
            throws: DeployError.configuration(
                "deploy.json is a FIFO, not a file: replace it with the JSON file, or remove it for the defaults")
        ) {
            try PlatformConfig.load(repositoryRoot: folder.url)
        }
    }
}
