/// Where a live commit stands against HEAD, with what changed in between.
enum CommitRelation: Equatable, Sendable {
    /// The live commit is HEAD.
    case same
    /// HEAD is `commits` ahead of the live commit; `paths` changed in between.
    case behind(commits: Int, paths: [String])
    /// The live commit is ahead of HEAD: deploying HEAD would roll the service back.
    case ahead(commits: Int)
    /// Neither is an ancestor of the other (force-pushed or another branch): the live commit has `ahead`
    /// commits HEAD lacks, HEAD has `behind` it lacks.
    case diverged(ahead: Int, behind: Int)
    /// The live tag names no commit in this clone (shallow clone, rewritten history).
    case unknownCommit
}
