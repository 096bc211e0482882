/// Where a secret reference's value lives, read from its `valueFrom`: an SSM parameter (by name, or by ARN, whose
/// region and account may differ), or a Secrets Manager secret (by ARN; a JSON key and version after it are not
/// part of the secret's id). Pure.
enum SecretSource: Equatable, Hashable, Sendable {
    case parameter(name: String, region: String?, account: String?)
    case secret(id: String, region: String?, account: String?)

    init(_ valueFrom: String) {
        let parts = valueFrom.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 6, parts[0] == "arn" else {
            self = .parameter(name: valueFrom, region: nil, account: nil)
            return
        }
        let (region, account) = (parts[3].isEmpty ? nil : parts[3], parts[4].isEmpty ? nil : parts[4])
        if parts[2] == "secretsmanager" {
            self = .secret(id: parts.prefix(7).joined(separator: ":"), region: region, account: account)
            return
        }
        // `parameter/platform/x` is `/platform/x`; `parameter/x` is `x` (a name with a slash begins with one).
        let resource = parts.dropFirst(5).joined(separator: ":").dropFirst("parameter/".count)
        self = .parameter(
            name: resource.contains("/") ? "/" + resource : String(resource), region: region, account: account)
    }

    var region: String? {
        switch self {
        case .parameter(_, let region, _), .secret(_, let region, _): return region
        }
    }

    var account: String? {
        switch self {
        case .parameter(_, _, let account), .secret(_, _, let account): return account
        }
    }

    /// `SSM parameter /platform/prod/db-url`, `Secrets Manager secret arn:...`.
    var description: String {
        switch self {
        case .parameter(let name, _, _): return "SSM parameter \(name)"
        case .secret(let id, _, _): return "Secrets Manager secret \(id)"
        }
    }
}
