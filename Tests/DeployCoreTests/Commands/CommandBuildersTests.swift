import Testing

@testable import DeployCore

/// Every external command as the argv it runs: the fastest tests, no process started.
@Suite struct CommandBuildersTests {
    static let repo = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/auth"

    @Test(arguments: [
        (Git.shortHead(), ["git", "rev-parse", "--short", "HEAD"]),
        (Git.topLevel(), ["git", "rev-parse", "--show-toplevel"]),
        (
            Docker.buildDependencies(dockerfile: "infra/docker/service.Dockerfile", image: "platform-deps:abc1234"),
            [
                "docker", "build", "-f", "infra/docker/service.Dockerfile", "--target", "deps", "--build-arg",
                "PUPPETEER_SKIP_DOWNLOAD=true", "-t", "platform-deps:abc1234", ".",
            ]
        ),
        (
            Docker.buildService("auth", dockerfile: "infra/docker/service.Dockerfile", image: "\(repo):abc1234"),
            [
                "docker", "build", "-f", "infra/docker/service.Dockerfile", "--build-arg", "SERVICE=auth",
                "--build-arg", "PUPPETEER_SKIP_DOWNLOAD=true", "-t", "\(repo):abc1234", ".",
            ]
        ),
        (Docker.push("\(repo):abc1234"), ["docker", "push", "\(repo):abc1234"]),
        (
            Docker.login(registry: "123456789012.dkr.ecr.eu-west-1.amazonaws.com"),
            [
                "docker", "login", "--username", "AWS", "--password-stdin",
                "123456789012.dkr.ecr.eu-west-1.amazonaws.com",
            ]
        ),
        (Pnpm.build("admin-ui"), ["pnpm", "--filter", "admin-ui", "build"]),
        (AWS.ecrLoginPassword(region: "eu-west-1"), ["aws", "ecr", "get-login-password", "--region", "eu-west-1"]),
        (
            AWS.syncToBucket(from: "apps/admin-ui/dist", bucket: "platform-prod-admin-ui"),
            ["aws", "s3", "sync", "apps/admin-ui/dist", "s3://platform-prod-admin-ui", "--delete", "--no-progress"]
        ),
        (
            AWS.invalidateAll(distribution: "E2ABC"),
            ["aws", "cloudfront", "create-invalidation", "--distribution-id", "E2ABC", "--paths", "/*"]
        ),
        (AWS.callerIdentity(), ["aws", "sts", "get-caller-identity", "--output", "json"]),
        (
            Terraform.output(directory: "infra/terraform/aws"),
            ["terraform", "-chdir=infra/terraform/aws", "output", "-json"]
        ),
    ])
    func argv(command: Command, expected: [String]) {
        #expect(command.argv == expected)
        #expect(command.input == .none)
    }

    @Test func aFullPlanUsesTheGlobalTagAndSaysWhetherItChanges() {
        let plan = Terraform.plan(
            directory: "infra/terraform/aws", varFile: "/repo/tfvars/prod.tfvars", imageTag: "abc1234",
            out: "/repo/.git/deploy/plans/plan-prod-42.tfplan")
        #expect(
            plan.argv == [
                "terraform", "-chdir=infra/terraform/aws", "plan", "-input=false", "-detailed-exitcode",
                "-out=/repo/.git/deploy/plans/plan-prod-42.tfplan", "-var-file=/repo/tfvars/prod.tfvars", "-var",
                "image_tag=abc1234",
            ])
        #expect(plan.input == .none && plan.okExitCodes == [0, 2])
    }

    @Test func aPartialPlanPassesTagsAndTargetsAndTheApplyAppliesExactlyIt() {
        let plan = Terraform.plan(
            directory: "tf", varFile: "/v.tfvars", imageTag: "abc1234",
            imageTags: ["billing": "abc1234", "auth": "abc1234"],
            targets: ["module.service[\"auth\"].x"], out: "/p.tfplan", color: false)
        #expect(
            plan.argv == [
                "terraform", "-chdir=tf", "plan", "-input=false", "-detailed-exitcode", "-out=/p.tfplan",
                "-var-file=/v.tfvars", "-var", "image_tag=abc1234",
                "-var", #"image_tags={"auth":"abc1234","billing":"abc1234"}"#,
                "-target=module.service[\"auth\"].x", "-no-color",
            ])
        let apply = Terraform.applyPlan(directory: "tf", planFile: "/p.tfplan", color: false)
        #expect(apply.argv == ["terraform", "-chdir=tf", "apply", "-input=false", "-no-color", "/p.tfplan"])
        #expect(apply.input == .none, "the y covered the plan: terraform never asks, never needs the terminal")
        #expect(
            Terraform.show(directory: "tf", planFile: "/p.tfplan").argv == [
                "terraform", "-chdir=tf", "show", "-json", "/p.tfplan",
            ])
    }

    @Test func renderingQuotesOnlyWhatAShellWouldMisread() {
        #expect(
            AWS.invalidateAll(distribution: "E2ABC").rendered
                == "aws cloudfront create-invalidation --distribution-id E2ABC --paths '/*'")
        #expect(Command("echo", ["it's"]).rendered == #"echo 'it'\''s'"#)
        let login = Action.pipe(AWS.ecrLoginPassword(region: "eu-west-1"), into: Docker.login(registry: "r.example"))
        #expect(
            login.rendered
                == "aws ecr get-login-password --region eu-west-1 | docker login --username AWS --password-stdin "
                + "r.example"
        )
    }
}

extension CommandBuildersTests {
    @Test func anApplyWritesToItsLogAndHasATimeout() {
        let apply = Terraform.applyPlan(
            directory: "tf", planFile: "/p.tfplan", log: "/g/deploy/apply-prod.log", timeout: 1800)
        #expect(apply.log == "/g/deploy/apply-prod.log")
        #expect(apply.timeout == Command.Timeout(seconds: 1800, grace: 120))
        #expect(apply.stopsSlowly)
    }
}
