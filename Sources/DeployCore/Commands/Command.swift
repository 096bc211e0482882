/// One child process as data: the tool's name (looked up on PATH when it runs), its argv, environment
/// overrides on top of the inherited environment, and where its standard input comes from.
struct Command: Equatable, Sendable {
    enum Input: Equatable, Sendable {
        /// `/dev/null`: the child can never wait on the operator by accident.
        case none
        /// The operator's terminal, for a prompt the child shows itself (terraform's approval).
        case terminal
    }

    var tool: String
    var arguments: [String]
    var environment: [String: String]
    var input: Input
    /// True for a child that needs time to stop cleanly after Ctrl-C (terraform releasing its state
    /// lock): it is never killed on a timer, only by a second Ctrl-C.
    var stopsSlowly: Bool
    /// A file the child writes its output to, which deploy follows as it grows, instead of pipes: a child
    /// that must be able to finish on its own (terraform apply, when deploy is killed) must not die of
    /// SIGPIPE writing to a pipe nobody reads any more.
    var log: String?
    /// How long the child may run.
    var timeout: Timeout?
    /// Lines the child prints that do not apply to this run (their start), left out of what is shown.
    var unsaid: [String] = []
    /// The exit codes that mean it did what it was asked (`terraform plan -detailed-exitcode` exits 2 when
    /// there are changes).
    var okExitCodes: Set<Int32> = [0]

    /// After `seconds` the child's group is asked to stop (SIGINT), and killed if it is still there `grace`
    /// seconds later.
    struct Timeout: Equatable, Sendable {
        var seconds: Double
        var grace: Double
    }

    init(
        _ tool: String, _ arguments: [String], environment: [String: String] = [:], input: Input = .none,
        stopsSlowly: Bool = false
    ) {
        self.tool = tool
        self.arguments = arguments
        self.environment = environment
        self.input = input
        self.stopsSlowly = stopsSlowly
    }

    var argv: [String] { [tool] + arguments }

    /// The command as an operator would type it, for `--dry-run` and messages. Display only: it never runs.
    var rendered: String { argv.map(ShellQuote.quote).joined(separator: " ") }
}

/// What one step runs: a single command, or a producer piped into a consumer without the data ever
/// passing through `deploy` (how the ECR password reaches `docker login`).
enum Action: Equatable, Sendable {
    case run(Command)
    case pipe(Command, into: Command)

    var commands: [Command] {
        switch self {
        case .run(let command): return [command]
        case .pipe(let producer, let consumer): return [producer, consumer]
        }
    }

    var rendered: String { commands.map(\.rendered).joined(separator: " | ") }
}
