/// A service's last deploy was rolled back: the commit undone, the tag it returned to, by whom and when.
struct Rollback: Codable, Equatable, Sendable {
    /// What the service ran before the rollback: the commit that was undone.
    var from: String
    var to: String
    var by: String
    var time: String

    /// For each service whose latest recorded deploy that reached its apply is a rollback: what it undid.
    /// `history` is oldest first. Pure.
    static func latest(in history: [HistoryRecord]) -> [String: Rollback] {
        var found: [String: Rollback] = [:]
        var seen = Set<String>()
        for record in history.reversed() where record.applied {
            for service in record.services where seen.insert(service.service).inserted {
                guard record.mode == .rollback, let from = service.previousTag, from != service.tag else { continue }
                found[service.service] = Rollback(
                    from: from, to: service.tag, by: record.by.run?.short ?? record.by.user, time: record.time)
            }
        }
        return found
    }
}
