/// The last few lines of a child's output.
struct Tail {
    let limit: Int
    private(set) var lines: [String] = []

    init(limit: Int) { self.limit = limit }

    mutating func append(_ line: String) {
        lines.append(line)
        if lines.count > limit { lines.removeFirst(lines.count - limit) }
    }
}
