import Testing

/// Tests that run the real `deploy` binary against a sandbox each (moto_server, terraform, git). They run in
/// two lanes, each one test at a time: a sandbox deploy leaves the machine's two cores idle about half the
/// time (waiting on the emulator, on terraform, on the rollout watch's pauses), so two at once fill them (a third only
/// makes each slower).
/// `make test` runs them after the unit tests, whose timings they would otherwise disturb.
enum EndToEnd {
    @Suite(.serialized) enum First {}
    @Suite(.serialized) enum Second {}
}
