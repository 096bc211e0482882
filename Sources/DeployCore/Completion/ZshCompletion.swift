/// The zsh script: `_arguments` specs for the command typed so far, and helpers that ask `deploy` for the
/// platform's services, the profiles and the var-files. Works from `fpath` and with `source`.
enum ZshCompletion {
    static var script: String {
        """
        #compdef deploy
        # zsh completion for deploy \(Version.current), written by `deploy completions zsh`.

        # The words deploy lists for $1, in the checkout -C names when one was typed.
        _deploy_list() {
            local directory=${opt_args[-C]:-${opt_args[--directory]}}
            _call_program $1 ${words[1]} ${directory:+-C ${(q)directory}} completions --list $1 2>/dev/null
        }
        _deploy_services() { local -a names; names=(${(f)"$(_deploy_list services)"}); _values -s , service $names }
        _deploy_profiles() { local -a names; names=(${(f)"$(_deploy_list profiles)"}); compadd -a names }
        _deploy_var_files() {
            local -a known; known=(${(f)"$(_deploy_list var-files)"})
            compadd -a known; _files -g '*.tfvars'
        }

        _deploy() {
            local command="" i
            for (( i = 2; i < CURRENT; i++ )); do
                case ${words[i]} in
                    \(CompletionScript.spellings(CompletionScript.valueFlags, separator: "|"))) (( i++ )) ;;
                    -*) ;;
                    *) command=${words[i]}; break ;;
                esac
            done
            case $command in
        \(commandCases)
            esac
        }

        if [[ $funcstack[1] == _deploy ]]; then _deploy "$@"; else compdef _deploy deploy; fi

        """
    }

    private static var commandCases: String {
        (Subcommand.words + [.deploy]).map { command in
            let specs = command.flags.map { spec($0, command) }
            let position = command == .deploy ? [] : ["'1:command:(\(command.rawValue))'"]
            let operands = command == .deploy ? Subcommand.words.map(\.rawValue) : command.operands
            let operand =
                operands.isEmpty ? [] : ["'\(position.count + 1):argument:(\(operands.joined(separator: " ")))'"]
            let pattern = command == .deploy ? "*" : command.rawValue
            let arguments = (specs + position + operand).joined(separator: " \\\n                ")
            return "        \(pattern)) _arguments : \\\n                \(arguments) ;;"
        }.joined(separator: "\n")
    }

    /// `'(-y --yes)'{-y,--yes}'[help]'` or `'--var-file=[help]:path:_deploy_var_files'`.
    private static func spec(_ flag: FlagSpec, _ command: Subcommand) -> String {
        let help = "[\(escape(CompletionScript.shortHelp(flag, command)))]"
        let value = flag.valueName.map { ":\($0):\(action(flag.completion))" } ?? ""
        let equals = flag.takesValue ? "=" : ""
        guard let short = flag.short else { return "'--\(flag.name)\(equals)\(help)\(value)'" }
        return "'(-\(short) --\(flag.name))'{-\(short),--\(flag.name)\(equals)}'\(help)\(value)'"
    }

    private static func action(_ value: CompletionValue) -> String {
        switch value {
        case .varFile: "_deploy_var_files"
        case .services: "_deploy_services"
        case .profiles: "_deploy_profiles"
        case .directory: "_files -/"
        case .choices(let words): "(\(words.joined(separator: " ")))"
        case .free: " "
        }
    }

    /// What `_arguments` and single quotes would read as syntax.
    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "'", with: "'\\''").replacingOccurrences(of: "[", with: "\\[")
            .replacingOccurrences(of: "]", with: "\\]").replacingOccurrences(of: ":", with: "\\:")
    }
}
