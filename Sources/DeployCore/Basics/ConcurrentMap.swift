/// Runs `body` over `items` with at most `limit` at once, keeping the order of `items`.
/// The first error (in item order) is thrown after every started task has finished.
func concurrentMap<T: Sendable, R: Sendable>(
    _ items: [T], limit: Int, _ body: @escaping @Sendable (T) async throws(DeployError) -> R
) async throws(DeployError) -> [R] {
    let results = await withTaskGroup(of: (Int, Result<R, DeployError>).self) { group in
        var results = [Result<R, DeployError>?](repeating: nil, count: items.count)
        var next = 0
        func start() {
            let index = next, item = items[index]
            group.addTask { (index, await outcome { () async throws(DeployError) in try await body(item) }) }
            next += 1
        }
        while next < min(max(limit, 1), items.count) { start() }
        while let (index, result) = await group.next() {
            results[index] = result
            if next < items.count { start() }
        }
        return results
    }
    return try results.map { (result) throws(DeployError) -> R in try result!.get() }
}
