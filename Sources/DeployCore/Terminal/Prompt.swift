import Foundation

/// Questions put to the operator on stderr, answered on stdin: the profile menu and the typed `y`.
struct Prompt: Sendable {
    let reporter: Reporter
    /// Whether an operator can answer: standard input is a terminal. A pipe or a file is not an operator:
    /// `echo y | deploy` must not deploy, and `sleep 100 | deploy` must not wait.
    let isTerminal: Bool
    let readAnswer: @Sendable () -> String?
    /// The signal that interrupted the deploy while it waited for an answer, if one did.
    let interrupted: @Sendable () -> Int32?

    init(
        reporter: Reporter, isTerminal: Bool, readAnswer: @escaping @Sendable () -> String? = { nil },
        interrupted: @escaping @Sendable () -> Int32? = { nil }
    ) {
        self.reporter = reporter
        self.isTerminal = isTerminal
        self.readAnswer = readAnswer
        self.interrupted = interrupted
    }

    /// A numbered menu of profiles; an empty answer takes the default (`AWS_PROFILE`).
    func chooseProfile(from profiles: [String], default fallback: String?) throws(DeployError) -> String {
        guard !profiles.isEmpty || fallback != nil else {
            throw .usage(
                "no AWS profiles found in ~/.aws/config or ~/.aws/credentials: run `aws configure --profile <name>` "
                    + "or pass --profile"
            )
        }
        guard isTerminal else {
            throw .usage(
                "no --profile, and standard input is not a terminal to choose one on: pass --profile <name> (or set "
                    + "AWS_PROFILE with --yes)")
        }
        var menu = ["AWS profiles:"] + profiles.enumerated().map { "  \($0.offset + 1)) \($0.element)" }
        menu.append("Profile" + (fallback.map { " [\($0)]" } ?? "") + ": ")
        reporter.ask(menu.joined(separator: "\n"))
        let answer = (readAnswer() ?? "").trimmingCharacters(in: .whitespaces)
        if answer.isEmpty, let fallback { return fallback }
        if let number = Int(answer), profiles.indices.contains(number - 1) { return profiles[number - 1] }
        if profiles.contains(answer) { return answer }
        throw .usage("'\(answer)' is not one of the profiles listed: answer with its number or name, or pass --profile")
    }

    /// Goes on only when the operator types exactly `y`; without a terminal, nobody can: refused at once.
    func confirm(_ question: String) throws(DeployError) {
        guard isTerminal else { throw .noOperator }
        reporter.ask("\(question) Type y to continue: ")
        let answer = readAnswer()
        if let signal = interrupted() { throw .interrupted(signal: signal) }
        guard answer?.trimmingCharacters(in: .whitespaces) == "y" else { throw .declined }
    }

    /// One line from stdin, read a byte at a time: a buffered read would swallow what comes after it, such as the
    /// answer meant for terraform's own prompt. It waits in short polls, and gives up (nil) once `stop` says so: a
    /// Ctrl-C at the question ends the wait, and the deploy then lets go of what it holds.
    static func readLineUnbuffered(until stop: @Sendable () -> Bool = { false }) -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        var waiting = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        while !stop() {
            guard poll(&waiting, 1, 200) != 0 else { continue }
            guard read(STDIN_FILENO, &byte, 1) == 1 else { break }
            if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }
}
