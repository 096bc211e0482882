/// The bash script: one function, registered with `complete -F`, that finds the command typed so far and
/// offers its flags, or a flag's values.
enum BashCompletion {
    static var script: String {
        """
        # bash completion for deploy \(Version.current), written by `deploy completions bash`.
        _deploy_list() { "$1" completions --list "$2" 2>/dev/null; }

        _deploy() {
            local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
            local deploy=${COMP_WORDS[0]/#\\~/$HOME} command="" words="" i
            for (( i = 1; i < COMP_CWORD; i++ )); do
                case ${COMP_WORDS[i]} in
                    \(valueFlagPattern)) (( i++ )) ;;
                    -*) ;;
                    *) command=${COMP_WORDS[i]}; break ;;
                esac
            done
            case $prev in
        \(valueCases)
            esac
            case $command in
        \(commandCases)
            esac
            COMPREPLY=( $(compgen -W "$words" -- "$cur") )
        }
        complete -F _deploy deploy

        """
    }

    private static var valueFlagPattern: String {
        CompletionScript.valueFlags.map(names).joined(separator: "|")
    }

    private static func names(_ spec: FlagSpec) -> String {
        (spec.short.map { "-\($0)|" } ?? "") + "--\(spec.name)"
    }

    /// What follows each flag that takes a value; those that take anything typed share one line.
    private static var valueCases: String {
        let flags = CompletionScript.valueFlags
        let free = flags.filter { CompletionValue.of($0) == .free }.map(names).joined(separator: "|")
        let offered = flags.filter { CompletionValue.of($0) != .free }.map { spec in
            "        \(names(spec))) \(values(CompletionValue.of(spec))); return ;;"
        }
        return (offered + ["        \(free)) COMPREPLY=(); return ;;"]).joined(separator: "\n")
    }

    private static func values(_ value: CompletionValue) -> String {
        switch value {
        case .varFile:
            "compopt -o filenames 2>/dev/null; local IFS=$'\\n'; COMPREPLY=( $(compgen -W \"$(_deploy_list "
                + "\"$deploy\" var-files)\" -- \"$cur\") $(compgen -f -X '!*.tfvars' -- \"$cur\") "
                + "$(compgen -d -- \"$cur\") )"
        case .services:
            "local prefix=\"\"; [[ $cur == *,* ]] && prefix=\"${cur%,*},\"; compopt -o nospace 2>/dev/null; "
                + "COMPREPLY=( $(compgen -P \"$prefix\" -W \"$(_deploy_list \"$deploy\" services)\" -- "
                + "\"${cur##*,}\") )"
        case .profiles: "COMPREPLY=( $(compgen -W \"$(_deploy_list \"$deploy\" profiles)\" -- \"$cur\") )"
        case .directory: "compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -d -- \"$cur\") )"
        case .choices(let words): "COMPREPLY=( $(compgen -W \"\(words.joined(separator: " "))\" -- \"$cur\") )"
        case .free: ""
        }
    }

    /// Each command's flags, and the words it takes; `deploy` itself offers the commands.
    private static var commandCases: String {
        (Subcommand.words + [.deploy]).map { command in
            let flags = CompletionScript.flags(of: command).map { "--\($0.name)" }.joined(separator: " ")
            let operands = command == .deploy ? Subcommand.words.map(\.rawValue) : command.operands
            let pattern = command == .deploy ? "*" : command.rawValue
            let offer = operands.isEmpty ? "" : "; [[ $cur == -* ]] || words=\"\(operands.joined(separator: " "))\""
            return "        \(pattern)) words=\"\(flags)\"\(offer) ;;"
        }.joined(separator: "\n")
    }
}
