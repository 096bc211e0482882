/// Where a command acts, as the operator named it: the environment's var-file, the terraform workspace to expect,
/// and the AWS profile (from `--profile`, or `AWS_PROFILE` where no menu is shown).
struct TargetOptions: Equatable, Sendable {
    var varFile: String?
    var workspace: String?
    var profile: String?

    /// `tfvars/<env>.tfvars` as typed, or a placeholder, for the commands a message suggests.
    var varFileShown: String { varFile ?? "tfvars/<env>.tfvars" }
}
