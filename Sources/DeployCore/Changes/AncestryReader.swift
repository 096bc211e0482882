import Foundation

/// Asks git where each live commit stands against HEAD: once per distinct commit, concurrently.
struct AncestryReader: Sendable {
    let runner: any CommandRunner

    func relations(of commits: Set<String>, to head: String) async throws(DeployError) -> [String: CommitRelation] {
        let sorted = commits.sorted()
        let relations = try await concurrentMap(sorted, limit: 4) { [self] (commit) throws(DeployError) in
            try await relation(of: commit, to: head)
        }
        return Dictionary(uniqueKeysWithValues: zip(sorted, relations))
    }

    private func relation(of commit: String, to head: String) async throws(DeployError) -> CommitRelation {
        guard try await succeeds(Git.verifyCommit(commit)) else { return .unknownCommit }
        if try await succeeds(Git.isAncestor(commit, of: head)) {
            let count = Int(try await text(Git.countCommits(from: commit, to: head))) ?? 0
            if count == 0 { return .same }
            let paths = try await text(Git.changedPaths(from: commit, to: head)).split(separator: "\n").map(String.init)
            return .behind(commits: count, paths: paths)
        }
        if try await succeeds(Git.isAncestor(head, of: commit)) {
            return .ahead(commits: Int(try await text(Git.countCommits(from: head, to: commit))) ?? 0)
        }
        let apart = try await text(Git.countApart(commit, head)).split(whereSeparator: \.isWhitespace).compactMap {
            Int($0)
        }
        return .diverged(ahead: apart.first ?? 0, behind: apart.dropFirst().first ?? 0)
    }

    private func succeeds(_ command: Command) async throws(DeployError) -> Bool {
        try await runner.answer(command) != nil
    }

    private func text(_ command: Command) async throws(DeployError) -> String {
        try await runner.queryText(command)
    }
}
