/// How long deploy waits between tries, in seconds: between a health URL's requests, between rounds of the rollout
/// watch, and before another attempt of a step that failed for a transient reason. The scripted tests run at a
/// quicker pace; everything else runs at the one an operator gets.
struct Pace: Equatable, Sendable {
    var healthPause = 2.0
    var watchPauses: [Double] = [1, 2, 3, 5, 10, 15]
    /// Right after the apply, ECS may not list the new deployment yet: not a failure for this long.
    var settling = 30.0
    var retryBackoff: [Double] = [2, 5]
    /// A step or a rollout that has said nothing for this long is said to be still going, so that a log read from
    /// afar (a CI job's) never looks hung.
    var quietAfter = 30.0
    /// Between looks at a task before a roll, until it stops.
    var taskPause = 3.0

    static let quick = Pace(
        healthPause: 0.01, watchPauses: [0.05], settling: 1, retryBackoff: [0.01], quietAfter: 30, taskPause: 0.02)
}
