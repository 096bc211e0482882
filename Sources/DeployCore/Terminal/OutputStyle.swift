/// How this run's output looks, decided once, where it starts, from the flags, the environment and the terminal:
/// how much it says, JSON or text on stdout, and on a terminal: escaped child lines, colour and the live board.
struct OutputStyle: Equatable, Sendable {
    var verbosity: Reporter.Verbosity = .normal
    /// `--output json`: stdout carries one JSON document, everything else goes to stderr.
    var json = false
    /// stderr is a terminal: what children print is shown with its control characters escaped.
    var terminal = false
    /// Children may print colour (terraform): a terminal, and no NO_COLOR.
    var color = false
    /// The board redrawn in place while steps run: a terminal that can draw it, at the normal verbosity.
    var board = false
    /// In a CI job (`CI=true`, `GITHUB_ACTIONS=true`, nobody at a terminal): no colour, no board, no question.
    var ci = false
    /// In a GitHub Actions job: each step's output in a folded group of the log, warnings and the error as
    /// annotations on the run's page (workflow commands).
    var workflowCommands = false

    init(
        verbosity: Reporter.Verbosity = .normal, json: Bool = false, stderrIsTerminal: Bool = false,
        environment: [String: String] = [:], ci: Bool = false, github: Bool = false
    ) {
        self.verbosity = verbosity
        self.json = json
        self.ci = ci
        workflowCommands = ci && github
        terminal = stderrIsTerminal
        color = stderrIsTerminal && environment["NO_COLOR"] == nil && !ci
        board = color && environment["TERM"] != "dumb" && verbosity == .normal
    }
}
