import Testing

@testable import DeployCore

@Suite struct AWSComplaintTests {
    @Test func anEndpointThatCannotBeReachedIsNotACredentialsProblem() {
        #expect(
            AWSComplaint.unreachable([#"Could not connect to the endpoint URL: "http://127.0.0.1:9/""#])
                == "http://127.0.0.1:9/")
        #expect(
            AWSComplaint.unreachable([
                "An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation"
            ])
                == nil)
    }
}
