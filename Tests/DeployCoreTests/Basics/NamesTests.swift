import Testing

@testable import DeployCore

@Suite struct NamesTests {
    @Test(arguments: ["auth", "clinical-api", "a1", "9lives"])
    func validServiceNames(name: String) { #expect(Names.isServiceName(name)) }

    @Test(arguments: ["", "-rf", "Auth", "a b", "a/b", "a;b", "ä", "auth_api"])
    func invalidServiceNames(name: String) { #expect(!Names.isServiceName(name)) }

    @Test func repositoryURLs() {
        #expect(Names.isRepositoryURL("123456789012.dkr.ecr.eu-west-1.amazonaws.com/auth"))
        #expect(Names.isRepositoryURL("localhost:5000/team/auth"))
        #expect(!Names.isRepositoryURL("-x/auth"))
        #expect(!Names.isRepositoryURL("host/auth repo"))
        #expect(!Names.isRepositoryURL("auth"))
    }

    @Test(arguments: [
        ("123456789012.dkr.ecr.eu-west-1.amazonaws.com", "eu-west-1"),
        ("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn", "cn-north-1"),
    ])
    func ecrHosts(host: String, region: String) { #expect(Names.ecrRegion(ofRegistry: host) == region) }

    @Test(arguments: [
        "123456789012.dkr.ecr.us-east-1.amazonaws.com.evil.io", "1.dkr.ecr.us-east-1.amazonaws.com",
        "registry.example.com", "123456789012.dkr.ecr..amazonaws.com", "localhost:5000",
    ])
    func notECR(host: String) { #expect(Names.ecrRegion(ofRegistry: host) == nil) }

    @Test func bucketsDistributionsAndSHAs() {
        #expect(Names.isBucketName("platform-prod-admin-ui"))
        #expect(!Names.isBucketName("--delete"))
        #expect(Names.isDistributionID("E2ABCDEF123"))
        #expect(!Names.isDistributionID("e2abc"))
        #expect(Names.isShortSHA("d187ba1"))
        #expect(!Names.isShortSHA("HEAD"))
    }
}
