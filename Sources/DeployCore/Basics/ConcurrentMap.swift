/// Runs `body` over `items` with at most `limit` at once, keeping the order of `items`.
/// The first error (in item order) is thrown after every started task has finished.
func concurrentMap<T: Sendable, R: Sendable, E: Error>(
    _ items: [T], limit: Int, _ body: @escaping @Sendable (T) async throws(E) -> R
) async throws(E) -> [R] {
    let results = await withTaskGroup(of: (Int, Result<R, E>).self) { group in
        var results = [Result<R, E>?](repeating: nil, count: items.count)
        var next = 0
        func start() {
            let index = next
            let item = items[index]
            group.addTask {
                do throws(E) { return (index, .success(try await body(item))) } catch {
                    return (index, .failure(error))
                }
            }
            next += 1
        }
        while next < min(max(limit, 1), items.count) { start() }
        while let (index, result) = await group.next() {
            results[index] = result
            if next < items.count { start() }
        }
        return results
    }
    return try results.map { (result) throws(E) -> R in try result!.get() }
}
