import Foundation
import Testing

@testable import DeployCore

/// The small things that each cost an operator a minute.
@Suite struct SmallThingsTests {
    static let deploy = ["--var-file", "tfvars/prod.tfvars", "--profile", "p", "--yes", "--min-free-gb", "0"]

    @Test func aVarFileThatIsNotThereListsTheOnesThatAreWithTheClosest() async {
        let platform = ScriptedPlatform()
        platform.folder.write("platform/infra/terraform/aws/tfvars/sandbox.tfvars", "")
        let run = await platform.run(["--var-file", "tfvars/prdo.tfvars", "--profile", "p", "--yes"])
        #expect(run.code == 2)
        #expect(run.err.contains("deploy: error: var-file 'tfvars/prdo.tfvars' not found in "))
        #expect(
            run.err.hasSuffix(". Did you mean 'tfvars/prod.tfvars'? Known: tfvars/prod.tfvars, tfvars/sandbox.tfvars\n")
        )
    }

    /// `echo y | deploy`: nobody can type y, so nothing is read, planned or built before saying so.
    @Test(arguments: [
        ["--var-file", "tfvars/prod.tfvars", "--profile", "p"],
        ["rollback", "--var-file", "tfvars/prod.tfvars", "--profile", "p"],
        ["unlock", "--var-file", "tfvars/prod.tfvars", "--profile", "p"],
        ["prune"],
    ])
    func aStdinThatIsNotATerminalIsRefusedAtOnce(arguments: [String]) async {
        let platform = ScriptedPlatform()
        let run = await platform.run(arguments, terminal: false)
        #expect(run.code == 1 && run.err.contains("standard input is not a terminal, so nobody can type y"))
        #expect(platform.commands.isEmpty, "\(platform.commands)")
    }

    @Test func healthRetriesAreSaidAsTheyHappen() async {
        let platform = ScriptedPlatform()
        platform.model.withLock { $0.health = ["billing": 503] }
        let run = await platform.run(Self.deploy + ["--services", "billing"])
        #expect(run.code == 1)
        #expect(run.err.contains("[health] billing: /v1/billing/health 503, retry 2 of 5 in 10ms"))
        #expect(run.err.contains("[health] billing: /v1/billing/health 503, retry 5 of 5 in 10ms"))
    }

    @Test func aFullDeploySaysWhatAlreadyRunsItsTagApartFromTheRolls() async {
        let platform = ScriptedPlatform(services: ["auth", "billing"])
        platform.model.withLock {
            $0.revisions["auth"] = [ScriptedPlatform.head]
            $0.tags["auth"] = [ScriptedPlatform.head]
        }
        let run = await platform.run(Self.deploy + ["--skip-spas"])
        #expect(run.error == nil, "\(run.err)")
        #expect(
            run.out.contains(
                "Rolls     billing 0000000 → abc1234  ~15–75 s: 15 s of it is the tasks' start\n"
                    + "          unchanged, already on their tag: auth"))
        #expect(!run.out.contains("auth abc1234 → abc1234"))
    }

    @Test func theTotalLeavesOutTheWaitAtTheQuestion() async throws {
        let platform = ScriptedPlatform()
        let started = Date()
        let run = await platform.run(
            ["--var-file", "tfvars/prod.tfvars", "--profile", "p", "--min-free-gb", "0", "--skip-spas"],
            answers: ["y"], slowAnswers: 0.6)
        let elapsed = Date().timeIntervalSince(started)
        #expect(run.error == nil, "\(run.err)")
        let waited = try #require(run.out.split(separator: "\n").first { $0.hasPrefix("waited ") })
        #expect(waited.hasSuffix("at the question (not in the total)"))
        let recorded = try #require(platform.history.last?.seconds)
        #expect(recorded <= elapsed - 0.55, "the record's time leaves the wait out: \(recorded) of \(elapsed)")
    }

    @Test(arguments: [["status"], ["history"], ["--var-file", "tfvars/prod.tfvars", "--profile", "p", "--yes"]])
    func outsideARepositoryEveryCommandSaysTheSame(arguments: [String]) async {
        let platform = ScriptedPlatform()
        platform.model.withLock { $0.notARepository = true }
        let run = await platform.run(arguments)
        #expect(run.code == 2)
        #expect(
            run.err.hasPrefix("deploy: error: \(platform.root.path) is not inside a git repository")
                && run.err.hasSuffix(": run deploy from the platform checkout or pass -C <dir>\n"), "\(run.err)")
    }

    /// status, history and a dry run only read: they work where deploy cannot write in the git folder.
    @Test func readingCommandsWorkWhereTheGitFolderCannotBeWritten() async throws {
        let platform = ScriptedPlatform(shared: true)
        #expect(await platform.run(Self.deploy).error == nil)
        let folder = platform.gitDirectory.appendingPathComponent("deploy")
        try FileManager.default.removeItem(at: folder)
        try Data("not a folder".utf8).write(to: folder)
        for arguments in [
            ["status", "--profile", "p"], ["history", "--var-file", "tfvars/prod.tfvars"],
            ["--var-file", "tfvars/prod.tfvars", "--profile", "p", "--dry-run"],
        ] {
            let run = await platform.run(arguments)
            #expect(run.error == nil, "\(arguments): \(run.err)")
        }
    }
}
