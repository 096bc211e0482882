import Testing

@testable import DeployCore

/// The digest a push reports, read from the end of its output, whichever client pushed.
@Suite struct ImageDigestTests {
    static let digest = "sha256:" + String(repeating: "0123456789abcdef", count: 4)

    @Test func dockersPushLineGivesTheDigest() {
        let lines = ["abc1234: Pushed", "abc1234: digest: \(Self.digest) size: 528"]
        #expect(ImageDigest.pushed(in: lines) == Self.digest)
    }

    @Test func buildKitsPushOfTheManifestGivesTheDigest() {
        let lines = [
            "#12 pushing layers 0.4s done",
            "#12 pushing manifest for 123456789012.dkr.ecr.eu-west-1.amazonaws.com/auth:abc1234@\(Self.digest) 0.1s done",
            "#12 DONE 0.9s",
        ]
        #expect(ImageDigest.pushed(in: lines) == Self.digest)
    }

    @Test(arguments: [
        ["#8 writing image sha256:\(String(repeating: "ab", count: 32)) done"],
        ["abc1234: digest: sha256:abc size: 1"],
        ["abc1234: digest: sha256:\(String(repeating: "AB", count: 32)) size: 1"],
        [],
    ])
    func anImageIDOrAShortOrUpperCaseDigestIsNone(lines: [String]) {
        #expect(ImageDigest.pushed(in: lines) == nil)
    }

    @Test func ecrsAnswerIsADigestOnlyWhenWhole() {
        #expect(ImageDigest.isDigest(Self.digest))
        #expect(!ImageDigest.isDigest("None") && !ImageDigest.isDigest(Self.digest + "0"))
        #expect(ImageDigest.short(Self.digest) == "sha256:0123456789ab")
    }
}
