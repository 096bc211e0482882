/// The git commands `deploy` runs. All read-only.
enum Git {
    /// The repository's top folder, from anywhere inside it.
    static func topLevel() -> Command {
        Command("git", ["rev-parse", "--show-toplevel"])
    }

    /// The image tag: the short SHA of HEAD.
    static func shortHead() -> Command {
        Command("git", ["rev-parse", "--short", "HEAD"])
    }
}

extension Git {
    /// Succeeds when `revision` names a commit in this clone.
    static func verifyCommit(_ revision: String) -> Command {
        Command("git", ["rev-parse", "--verify", "--quiet", "\(revision)^{commit}"])
    }

    /// Exit 0 when `ancestor` is an ancestor of (or equal to) `descendant`, 1 when not.
    static func isAncestor(_ ancestor: String, of descendant: String) -> Command {
        Command("git", ["merge-base", "--is-ancestor", ancestor, descendant])
    }

    /// Every path that differs between two commits, one per line.
    static func changedPaths(from base: String, to head: String) -> Command {
        Command("git", ["diff", "--name-only", "--no-renames", base, head])
    }

    /// `<a only>\t<b only>`: how many commits each side has that the other lacks.
    static func countApart(_ a: String, _ b: String) -> Command {
        Command("git", ["rev-list", "--left-right", "--count", "\(a)...\(b)"])
    }

    /// How many commits `head` has that `base` does not.
    static func countCommits(from base: String, to head: String) -> Command {
        Command("git", ["rev-list", "--count", "\(base)..\(head)"])
    }

    /// The repository's git folder shared by all its worktrees, where deploy keeps its lock and cache.
    static func gitDirectory() -> Command {
        Command("git", ["rev-parse", "--path-format=absolute", "--git-common-dir"])
    }
}

extension Git {
    /// Tracked files with uncommitted changes, one per line (untracked files do not ship in images' tags).
    static func dirtyFiles() -> Command {
        Command("git", ["status", "--porcelain", "--untracked-files=no"])
    }
}
