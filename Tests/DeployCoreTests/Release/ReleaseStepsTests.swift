import Foundation
import Testing

@testable import DeployCore

@Suite struct ReleaseStepsTests {
    static let registry = "123456789012.dkr.ecr.eu-west-1.amazonaws.com"

    static func facts() -> EnvironmentFacts {
        var facts = EnvironmentFacts()
        facts.repositoryURLs = ["auth": "\(registry)/auth", "billing": "\(registry)/billing"]
        facts.bucketNames = ["admin-ui": "platform-prod-admin-ui", "simulator": "platform-prod-simulator"]
        facts.distributionIDs = ["admin-ui": "E1ADMIN", "simulator": "E2SIM"]
        facts.clusterName = "platform-prod"
        facts.serviceNames = ["auth": "prod-auth", "billing": "prod-billing"]
        facts.apiBaseURL = "https://api.example.com"
        return facts
    }

    static func release(_ arguments: [String]) throws -> Release {
        let options = try Request.deployOptions(arguments)
        return try Release(
            resolving: try .testing(options.release, varFile: options.target.varFile.map { "/repo/\($0)" }))
    }

    @Test func fullDeployRunsInTheRunbooksOrder() throws {
        let steps = try Self.release(["--var-file", "prod.tfvars", "--profile", "p", "-y"]).steps
        #expect(
            steps.map(\.label) == [
                "plan", "build deps", "build auth", "build billing", "login \(Self.registry)", "push auth",
                "push billing", "build spa admin-ui", "build spa simulator", "upload admin-ui", "upload simulator",
                "invalidate admin-ui", "invalidate simulator", "mark admin-ui", "mark simulator", "apply",
            ], "with --yes the plan runs alongside; a pushed image needs no check")
        let planFile = DeployFolder.planFile(workspace: "default", checkout: URL(fileURLWithPath: "/repo/.git")).path
        #expect(
            steps[0].action
                == .run(
                    Terraform.plan(
                        directory: "infra/terraform/aws", varFile: "/repo/prod.tfvars", imageTag: "abc1234",
                        out: planFile,
                        color: false)))
        #expect(steps[13].action == .run(AWS.markBuild(bucket: "platform-prod-admin-ui", tag: "abc1234")))
        #expect(
            steps[2].action
                == .run(
                    Docker.buildService(
                        "auth", dockerfile: "infra/docker/service.Dockerfile", image: "\(Self.registry)/auth:abc1234")))
        #expect(
            steps[4].action
                == .pipe(AWS.ecrLoginPassword(region: "eu-west-1"), into: Docker.login(registry: Self.registry)))
        #expect(
            steps.last?.action
                == .run(
                    Terraform.applyPlan(
                        directory: "infra/terraform/aws", planFile: planFile, color: false,
                        log: "/repo/.git/deploy/apply-default.log", timeout: 30 * 60)))
        let reviewed = try Self.release(["--var-file", "prod.tfvars", "--profile", "p"]).steps
        #expect(reviewed.first?.label == "build deps", "without --yes the plan is made before the question")
    }

    @Test func imagesAlreadyInECRAreNeitherBuiltNorPushed() throws {
        var release = try Self.release(["--var-file", "prod.tfvars", "--skip-spas", "--profile", "p"])
        release.images[0].inRegistry = true
        #expect(
            release.steps.map(\.label) == [
                "build deps", "build billing", "login \(Self.registry)", "push billing", "apply",
            ])
        release.images[1].inRegistry = true
        #expect(release.steps.map(\.label) == ["apply"], "found in ECR by this run: no second look")
    }

    @Test func theTagsOfServicesThatDoNotRollAreLookedUpBeforeTheApply() throws {
        var release = try Self.release(["--var-file", "prod.tfvars", "--skip-spas", "--profile", "p"])
        release.images = [release.images[1]]
        var pinned = release.images[0]
        (pinned.service, pinned.tag, pinned.repositoryURL) = ("auth", "0ld0ld0", "\(Self.registry)/auth")
        release.pinned = [pinned]
        #expect(
            release.steps.map(\.label) == [
                "build deps", "build billing", "login \(Self.registry)", "push billing", "check auth", "apply",
            ])
        #expect(release.steps[4].action == .run(AWS.describeImage(repository: "auth", tag: "0ld0ld0")))
        release.apply?.nothingToApply = true
        #expect(release.steps.count == 4, "a plan without changes: nothing to check, nothing to apply")
    }

    @Test func aBucketHoldingThisBuildIsSkippedWhole() throws {
        var release = try Self.release(["--var-file", "prod.tfvars", "--profile", "p", "-y"])
        release.markUpToDate(["admin-ui"])
        #expect(!release.steps.contains { $0.subject == "admin-ui" })
        #expect(
            release.steps.filter { $0.subject == "simulator" }.map(\.phase) == [.buildSPA, .upload, .invalidate, .mark])
    }

    @Test func aRemoteBuilderBuildsAndPushesInOneStepAfterTheLogin() throws {
        var release = try Self.release([
            "--var-file", "prod.tfvars", "--skip-spas", "--profile", "p", "-y", "--builder", "k8s",
        ])
        release.buildx?.cache = "\(Self.registry)/build-cache"
        let steps = release.steps
        #expect(
            steps.map(\.label) == [
                "plan", "login \(Self.registry)", "build deps", "build auth", "build billing", "apply",
            ])
        #expect(
            steps[3].action.commands[0].argv == [
                "docker", "buildx", "build", "--builder", "k8s", "-f", "infra/docker/service.Dockerfile", "--build-arg",
                "SERVICE=auth",
                "--build-arg", "PUPPETEER_SKIP_DOWNLOAD=true",
                "--cache-from", "type=registry,ref=\(Self.registry)/build-cache:deps",
                "--cache-from", "type=registry,ref=\(Self.registry)/build-cache:auth",
                "--cache-to", "type=registry,ref=\(Self.registry)/build-cache:auth,mode=max",
                "-t", "\(Self.registry)/auth:abc1234", "--push", ".",
            ])
        #expect(
            Schedule.prerequisites(of: steps)[2] == [1],
            "the dependency layer is built after the login (its cache is pushed)")
        #expect(Schedule.prerequisites(of: steps)[3] == [2, 1])
    }

    @Test func skipSPAsAndSkipTerraform() throws {
        let phases = Set(try Self.release(["--skip-tf", "--skip-spas"]).steps.map(\.phase))
        #expect(phases == [.buildDependencies, .build, .login, .push])
    }

    @Test func servicesSubsetRollsOnlyThoseWithTargets() throws {
        let release = try Self.release(["--var-file", "prod.tfvars", "--services", "billing", "--skip-spas"])
        #expect(release.images.map(\.service) == ["billing"])
        #expect(release.apply?.imageTags == ["billing": "abc1234"])
        #expect(
            release.apply?.targets == [
                "module.service[\"billing\"].aws_ecs_task_definition.this",
                "module.service[\"billing\"].aws_ecs_service.this",
            ])
    }

    @Test func aSubsetOfServicesShipsNoSPAs() throws {
        #expect(try Self.release(["--skip-tf", "--services", "auth"]).sites.isEmpty)
        #expect(try Self.release(["--skip-tf"]).sites.count == 2)
    }

    @Test func anIndependentServiceIsNeverDeployed() {
        #expect(
            throws: DeployError.usage(
                "'slack-agent' deploys on its own (it is listed as independent) and is never built or rolled by deploy")
        ) {
            try Deployment.select(["slack-agent"], from: ["auth"], independent: ["slack-agent"])
        }
    }

    @Test func keptTagsNameWhatTheOtherServicesRun() throws {
        let options = try Request.deployOptions(["--changed", "--var-file", "v", "--profile", "p", "-y"])
        var deployment = try Deployment.testing(options.release, varFile: "/v")
        try deployment.limit(
            to: [
                ServiceChange(service: "auth", liveTag: "0ld0ld0", behind: 1, action: .skip, reason: "no change"),
                ServiceChange(
                    service: "billing", liveTag: "0ld0ld0", behind: 1, action: .deploy,
                    reason: "services/billing/a.js"),
            ],
            allowRollback: false)
        let release = try Release(resolving: deployment)
        #expect(release.images.map(\.service) == ["billing"])
        #expect(release.sites.isEmpty)
        #expect(release.apply?.imageTags == ["auth": "0ld0ld0", "billing": "abc1234"])
        #expect(release.apply?.targets.allSatisfy { $0.contains("[\"billing\"]") } == true)
    }

    @Test func aRollbackIsRefusedUnlessAllowed() throws {
        var deployment = try Deployment.testing(services: ["auth"])
        let back = [
            ServiceChange(
                service: "auth", liveTag: "fff0000", behind: nil, action: .deploy,
                reason: "live fff0000 is 2 commit(s) ahead of HEAD", rollsBack: true)
        ]
        #expect(
            throws: DeployError.refused(
                "auth: live fff0000 is 2 commit(s) ahead of HEAD. Check out the newer commit, or pass "
                    + "--allow-rollback to deploy HEAD anyway"
            )
        ) {
            try deployment.limit(to: back, allowRollback: false)
        }
        try deployment.limit(to: back, allowRollback: true)
        #expect(deployment.services == ["auth"])
    }

    @Test func anUnknownServiceIsAUsageErrorWithAHint() {
        #expect(
            throws: DeployError.usage(
                "unknown service 'biling' in --services. Did you mean 'billing'? Known: auth, billing")
        ) {
            try Self.release(["--skip-tf", "--services", "biling"])
        }
    }

    @Test func aRepositoryThatIsNotECRIsRefused() throws {
        var facts = Self.facts()
        facts.repositoryURLs["auth"] = "registry.example.com/auth"
        let deployment = try Deployment.testing(services: ["auth"], facts: facts)
        #expect(throws: DeployError.self) { try Release(resolving: deployment) }
    }

    @Test func oneLoginPerRegistry() throws {
        var facts = Self.facts()
        facts.repositoryURLs["billing"] = "210987654321.dkr.ecr.us-east-1.amazonaws.com/billing"
        let release = try Release(resolving: try .testing(facts: facts))
        #expect(release.registries.map(\.host) == [Self.registry, "210987654321.dkr.ecr.us-east-1.amazonaws.com"])
        #expect(release.registries.map(\.region) == ["eu-west-1", "us-east-1"])
    }
}
