import Foundation

/// How a step stands on the live board.
enum StepState: Equatable, Sendable {
    case queued
    case running(since: Date)
    case done(seconds: Double)
    case failed
}

/// What a terminal shows while steps run, redrawn in place: the executor and the rollout watch tell it how each
/// step stands, and hand it the notes to print above it.
protocol Board: Sendable {
    func start()
    func update(_ index: Int, _ state: StepState)
    /// A line to keep above the board (a retry, a warning).
    func note(_ line: String)
    /// Draws once more and stops; safe to call twice.
    func stop()
}
