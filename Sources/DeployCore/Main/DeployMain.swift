import Foundation

/// The one way into deploy, for the executable's `main` and for the tests: read the command line, decide once how
/// the output looks, run the command over one context, and turn how it ended into an exit code (0 done, 1 failed,
/// 2 bad input, 128 + N for signal N). With `--output json`, every exit writes exactly one document on stdout.
public enum DeployMain {
    public static func run(arguments: [String], environment: [String: String], directory: URL, io: DeployIO) async
        -> Int32
    {
        await ending(arguments: arguments, environment: environment, directory: directory, io: io).code
    }

    /// How a run ended: its exit code, and the error that ended it (none: done).
    struct Ending: Equatable, Sendable {
        var code: Int32
        var error: DeployError?
    }

    static func ending(arguments: [String], environment: [String: String], directory: URL, io: DeployIO) async
        -> Ending
    {
        let request: Request
        do throws(DeployError) {
            request = try Request.parse(arguments, environment: environment)
        } catch {
            let style = OutputStyle(json: Request.wantsJSON(arguments))
            return end(error, Reporter(out: io.out, err: io.err, style: style, streams: io.streams))
        }
        // A CI job: no question, no colour, no board.
        let ci = CIRun.detect(environment)
        let style = OutputStyle(
            verbosity: request.verbosity, json: request.json, stderrIsTerminal: io.stderrIsTerminal,
            environment: environment, ci: ci != nil, github: ci?.isGitHub == true)
        let reporter = Reporter(out: io.out, err: io.err, style: style, streams: io.streams)
        let github = ci?.isGitHub == true ? GitHubFiles(environment: environment) : nil
        do throws(DeployError) {
            let folder = request.directory.map { URL(fileURLWithPath: $0, relativeTo: directory).standardizedFileURL }
            var context = context(folder ?? directory, environment, io, reporter, style)
            (context.ci, context.github) = (ci, github)
            try await dispatch(request, context)
            try reporter.checkOutput()
            return Ending(code: 0)
        } catch {
            return end(error, reporter, github: request.invocation.releases ? github : nil)
        }
    }

    /// The error said once, with --output json also as the one document, and in a GitHub Actions step in its
    /// summary and outputs when the run did not write them; its exit code.
    private static func end(_ error: DeployError, _ reporter: Reporter, github: GitHubFiles? = nil) -> Ending {
        if reporter.json && !reporter.hasDocument { reporter.document(DeployDocument.stopped(error)) }
        reporter.error(error)
        if let github, !github.done {
            let result = DeployResult(stoppedBy: error).rawValue
            for failure in github.write(summary: JobSummary.stopped(error), outputs: [("result", result)]) {
                reporter.warning("could not write \(failure)")
            }
        }
        return Ending(code: error.exitCode, error: error)
    }

    private static func context(
        _ directory: URL, _ environment: [String: String], _ io: DeployIO, _ reporter: Reporter, _ style: OutputStyle
    ) -> DeployContext {
        let children = io.children
        return DeployContext(
            environment: environment, directory: directory, reporter: reporter,
            prompt: Prompt(
                reporter: reporter, isTerminal: io.stdinIsTerminal, readAnswer: io.readLine,
                interrupted: { children.interruption }),
            children: children, style: style,
            makeRunner: io.makeRunner ?? { ProcessRunner(environment: $0, workingDirectory: $1, children: children) },
            catchesSignals: io.catchesSignals, pace: io.pace)
    }

    private static func dispatch(_ request: Request, _ context: DeployContext) async throws(DeployError) {
        switch request.invocation {
        case .help(let command): context.reporter.text(Usage.text(for: command))
        case .version: context.reporter.text(Version.current + "\n")
        case .completions(let shell): context.reporter.text(CompletionScript.text(for: shell))
        case .completionWords(let list):
            let words = list.words(from: context.directory, environment: context.environment)
            context.reporter.text(words.map { $0 + "\n" }.joined())
        default:
            try prepare(request, context)
            try await command(request.invocation, context)
        }
    }

    /// Before any child can start: `-C` must be a folder, and Ctrl-C must be able to reach every child.
    private static func prepare(_ request: Request, _ context: DeployContext) throws(DeployError) {
        if let typed = request.directory, FileKind.of(context.directory) != .folder {
            throw .usage("-C \(typed): no such folder")
        }
        if context.catchesSignals { try Interruption.install(reporter: context.reporter, children: context.children) }
    }

    private static func command(_ invocation: Invocation, _ context: DeployContext) async throws(DeployError) {
        switch invocation {
        case .deploy(let options): try await DeployCommand(options: options, context: context).run()
        case .rollback(let options): try await RollbackCommand(options: options, context: context).run()
        case .promote(let options): try await PromoteCommand(options: options, context: context).run()
        case .status(let options): try await StatusCommand(options: options, context: context).run()
        case .history(let options): try await HistoryCommand(options: options, context: context).run()
        case .unlock(let options): try await UnlockCommand(options: options, context: context).run()
        case .check(let options): try await CheckCommand(options: options, context: context).run()
        case .prune(let options): try await PruneCommand(options: options, context: context).run()
        case .help, .version, .completions, .completionWords: break
        }
    }
}
