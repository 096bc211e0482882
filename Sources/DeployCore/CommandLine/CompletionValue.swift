/// What a shell offers for a flag's value: the same for every shell, so the three scripts agree.
enum CompletionValue: Equatable, Sendable {
    /// `--var-file`: `.tfvars` files here and in the terraform folder.
    case varFile
    /// `--services`: the platform's services, comma-separated, each one completed.
    case services
    /// `--profile`: the profiles in the aws CLI's files.
    case profiles
    /// `-C`: a folder.
    case directory
    /// A closed set, such as `--output text|json`.
    case choices([String])
    /// Anything the operator types (a number, a time, a SHA).
    case free
}
