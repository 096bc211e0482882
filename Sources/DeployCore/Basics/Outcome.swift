/// Runs a throwing task into a `Result`, so `async let` keeps the typed error.
func outcome<T: Sendable>(_ body: () async throws(DeployError) -> T) async -> Result<T, DeployError> {
    do { return .success(try await body()) } catch { return .failure(error) }
}
