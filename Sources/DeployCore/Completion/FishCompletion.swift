/// The fish script: `complete` lines for each command's flags, conditioned on the command typed so far.
enum FishCompletion {
    static var script: String {
        """
        # fish completion for deploy \(Version.current), written by `deploy completions fish`.
        # The words deploy lists for $argv, in the checkout -C names when one was typed.
        function __deploy_list
            set -l tokens (commandline -opc)
            set -l directory
            for i in (seq 2 (count $tokens))
                switch $tokens[$i]
                    case -C --directory
                        set directory -C $tokens[(math $i + 1)]
                    case '--directory=*'
                        set directory -C (string replace -- --directory= '' $tokens[$i])
                end
            end
            $tokens[1] $directory completions --list $argv 2>/dev/null
        end

        function __deploy_services
            set -l prefix (string replace -r '[^,]*$' '' -- (commandline -ct))
            for name in (__deploy_list services)
                echo $prefix$name
            end
        end

        # The command typed so far: the first word that is neither a flag nor a flag's value.
        function __deploy_command
            set -l tokens (commandline -opc)
            set -e tokens[1]
            set -l skip 0
            for token in $tokens
                if test $skip = 1
                    set skip 0
                    continue
                end
                switch $token
                    case \(CompletionScript.spellings(CompletionScript.valueFlags, separator: " "))
                        set skip 1
                    case '-*'
                    case '*'
                        echo $token
                        return
                end
            end
            echo deploy
        end

        complete -c deploy -f
        \(lines.joined(separator: "\n"))

        """
    }

    private static var lines: [String] {
        (Subcommand.allCases).flatMap { command in
            let when = "-n '__deploy_command | string match -q \(command.rawValue)'"
            let operands =
                command == .deploy
                ? Subcommand.words.map { "complete -c deploy \(when) -a \($0.rawValue) -d \(quote($0.purpose))" }
                : command.operands.map { operand in
                    let none = "; and not __fish_seen_subcommand_from \(command.operands.joined(separator: " "))"
                    return "complete -c deploy \(when.dropLast())\(none)' -a \(operand)"
                }
            return operands + command.flags.map { flag($0, command, when: when) }
        }
    }

    private static func flag(_ spec: FlagSpec, _ command: Subcommand, when: String) -> String {
        let short = spec.short.map { " -s \($0)" } ?? ""
        let value = spec.takesValue ? " -x" + values(spec.completion) : ""
        let help = quote(CompletionScript.shortHelp(spec, command))
        return "complete -c deploy \(when)\(short) -l \(spec.name)\(value) -d \(help)"
    }

    private static func values(_ value: CompletionValue) -> String {
        switch value {
        case .varFile:
            // The files of the word without its `--var-file=`, which fish puts back in front of each.
            " -a '(__deploy_list var-files; "
                + "__fish_complete_suffix (commandline -ct | string replace -r -- \"^--[^=]*=\" \"\") .tfvars)'"
        case .services: " -a '(__deploy_services)'"
        case .profiles: " -a '(__deploy_list profiles)'"
        case .directory: " -a '(__fish_complete_directories)'"
        case .choices(let words): " -a '\(words.joined(separator: " "))'"
        case .free: ""
        }
    }

    private static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}
