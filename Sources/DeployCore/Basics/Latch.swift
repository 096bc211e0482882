import Synchronization

/// A flag one thread sets once and others read: a walk that has failed, a child that has ended.
final class Latch: Sendable {
    private let value = Mutex(false)

    var isSet: Bool { value.withLock { $0 } }

    func set() { value.withLock { $0 = true } }
}
