import Testing

/// Tests that run the real `deploy` binary against a sandbox each (moto_server, terraform, git). They run
/// one at a time: each starts an emulator and terraform, and the machine has two cores.
@Suite(.serialized) enum EndToEnd {}
