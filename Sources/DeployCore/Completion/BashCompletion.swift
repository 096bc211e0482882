/// The bash script: one function, registered with `complete -F`, that finds the command typed so far and
/// offers its flags, or a flag's values. The words `deploy completions --list` prints (file names among them)
/// are matched as text, never given to `compgen -W`, which would expand them.
enum BashCompletion {
    static var script: String {
        """
        # bash completion for deploy \(Version.current), written by `deploy completions bash`.
        # The words deploy lists for $2, in the checkout -C names when one was typed.
        _deploy_list() { "$1" ${directory:+-C "$directory"} completions --list "$2" 2>/dev/null; }

        # Adds each line of stdin that starts with $2 to the offer, after the prefix $1.
        _deploy_offer() {
            local word
            while IFS= read -r word; do
                [[ $word == "$2"* ]] && COMPREPLY+=("$1$word")
            done
            return 0
        }

        _deploy() {
            local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
            local deploy=${COMP_WORDS[0]/#\\~/$HOME} command="" operand="" directory="" words="" flag i
            COMPREPLY=()
            # bash splits --flag=value into --flag, = and value.
            if [[ $cur == = ]]; then cur=""; elif [[ $prev == = ]]; then prev=${COMP_WORDS[COMP_CWORD-2]}; fi
            for (( i = 1; i < COMP_CWORD; i++ )); do
                case ${COMP_WORDS[i]} in
                    \(valueFlagPattern))
                        flag=${COMP_WORDS[i]}
                        [[ ${COMP_WORDS[i+1]} == = ]] && (( i++ ))
                        (( i++ ))
                        [[ $flag == -C || $flag == --directory ]] && directory=${COMP_WORDS[i]/#\\~/$HOME} ;;
                    -*) ;;
                    *) if [[ -z $command ]]; then command=${COMP_WORDS[i]}; else operand=${COMP_WORDS[i]}; fi ;;
                esac
            done
            case $prev in
        \(valueCases)
            esac
            case $command in
        \(commandCases)
            esac
            mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
        }
        complete -F _deploy deploy

        """
    }

    private static var valueFlagPattern: String {
        CompletionScript.spellings(CompletionScript.valueFlags, separator: "|")
    }

    /// What follows each flag that takes a value; those that take anything typed share one line.
    private static var valueCases: String {
        let flags = CompletionScript.valueFlags
        let free = CompletionScript.spellings(flags.filter { $0.completion == .free }, separator: "|")
        let offered = flags.filter { $0.completion != .free }.map { spec in
            let pattern = CompletionScript.spellings([spec], separator: "|")
            return "        \(pattern)) \(values(spec.completion)); return ;;"
        }
        return (offered + ["        \(free)) return ;;"]).joined(separator: "\n")
    }

    private static func values(_ value: CompletionValue) -> String {
        switch value {
        case .varFile:
            "compopt -o filenames 2>/dev/null; _deploy_offer \"\" \"$cur\" < <(_deploy_list \"$deploy\" var-files; "
                + "compgen -f -X '!*.tfvars' -- \"$cur\"; compgen -d -- \"$cur\")"
        case .services:
            "local prefix=\"\"; [[ $cur == *,* ]] && prefix=\"${cur%,*},\"; compopt -o nospace 2>/dev/null; "
                + "_deploy_offer \"$prefix\" \"${cur##*,}\" < <(_deploy_list \"$deploy\" services)"
        case .profiles: "_deploy_offer \"\" \"$cur\" < <(_deploy_list \"$deploy\" profiles)"
        case .directory: "compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -d -- \"$cur\")"
        case .choices(let words):
            "_deploy_offer \"\" \"$cur\" < <(printf '%s\\n' \(words.joined(separator: " ")))"
        case .free: ""
        }
    }

    /// Each command's flags, and the one word it takes (once); `deploy` itself offers the commands.
    private static var commandCases: String {
        (Subcommand.words + [.deploy]).map { command in
            let flags = command.flags.map { "--\($0.name)" }.joined(separator: " ")
            let operands = command == .deploy ? Subcommand.words.map(\.rawValue) : command.operands
            let pattern = command == .deploy ? "*" : command.rawValue
            let offer =
                operands.isEmpty
                ? "" : "; [[ $cur == -* || -n $operand ]] || words=\"\(operands.joined(separator: " "))\""
            return "        \(pattern)) words=\"\(flags)\"\(offer) ;;"
        }.joined(separator: "\n")
    }
}
