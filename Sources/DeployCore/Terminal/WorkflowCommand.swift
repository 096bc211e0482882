/// GitHub Actions' workflow commands, which its runner reads from a step's output (stdout or stderr): annotations
/// on the run's page, collapsible groups in its log, and a pause in their processing around text deploy does not
/// control (a child's output could otherwise set an output or mask a value). Pure.
enum WorkflowCommand {
    /// `::error title=…::…`: shown on the run's page; the message may span lines.
    static func error(_ message: String, title: String) -> String {
        "::error title=\(property(title))::\(data(message))"
    }

    static func warning(_ message: String) -> String { "::warning::\(data(message))" }

    /// The start of a collapsible group in the log, titled on one line.
    static func group(_ title: String) -> String { "::group::\(data(title))" }

    static let endGroup = "::endgroup::"

    /// From here on, no line is a command until `resume(token)`.
    static func stop(_ token: String) -> String { "::stop-commands::\(token)" }

    static func resume(_ token: String) -> String { "::\(token)::" }

    /// A message as the runner reads it: `%`, CR and LF escaped (`%25`, `%0D`, `%0A`); other control characters, which
    /// would reach the page as they are, shown in caret notation.
    static func data(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": escaped += "%25"
            case "\r": escaped += "%0D"
            case "\n": escaped += "%0A"
            default: escaped += Reporter.escaped(String(scalar))
            }
        }
        return escaped
    }

    /// A property's value (such as `title=`): also `:` and `,`, which end it.
    static func property(_ text: String) -> String {
        data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
