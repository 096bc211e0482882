/// The kinds of deploy the history, the summary and rollback tell apart.
enum DeployKind: String, Equatable, Sendable, Codable {
    case full
    /// `--services a,b`
    case services
    case changed
    /// `--skip-tf`: images (and SPAs) pushed, nothing rolled.
    case imagesOnly = "images only"
    case rollback
    /// `deploy promote`: the images another environment runs, copied by digest and rolled.
    case promote
}
