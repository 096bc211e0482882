/// One unit of a deploy, in the fixed order: its phase, what it is about (a service, an SPA, a registry),
/// and the action it runs.
struct Step: Equatable, Sendable {
    var phase: StepPhase
    var subject: String?
    var action: Action
    /// When its stdout is data (a JSON answer): how to say what it means in one line.
    var answer: StepAnswer?

    init(_ phase: StepPhase, _ subject: String? = nil, _ action: Action, answer: StepAnswer? = nil) {
        self.phase = phase
        self.subject = subject
        self.action = action
        self.answer = answer
    }

    /// Whether the step did what it was asked: an exit code its command counts as success.
    func accepts(_ status: TerminationStatus) -> Bool {
        guard case .exited(let code) = status, let command = action.commands.last else { return false }
        return command.okExitCodes.contains(code)
    }

    /// `build clinical-api`, `apply`: the prefix of the step's output lines.
    var label: String { phase.label(subject) }
}
