import Foundation

/// Who and where the deploy goes: what `aws sts get-caller-identity` says, with the region and profile.
struct Account: Equatable, Sendable {
    var id: String
    var arn: String
    var region: String
    /// nil: the default credential chain.
    var profile: String?

    init(id: String, arn: String, region: String, profile: String?) {
        self.id = id
        self.arn = arn
        self.region = region
        self.profile = profile
    }

    /// Decodes `aws sts get-caller-identity --output json`.
    init(callerIdentity data: Data, region: String, profile: String?) throws(DeployError) {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let id = object["Account"] as? String, let arn = object["Arn"] as? String
        else {
            throw .configuration("`aws sts get-caller-identity` did not print an account and an ARN")
        }
        self.init(id: id, arn: arn, region: region, profile: profile)
    }

    /// `profile ops`, or `the default credential chain`.
    var credentials: String { profile.map { "profile \($0)" } ?? "the default credential chain" }
}
