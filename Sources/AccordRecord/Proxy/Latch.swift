import Synchronization

/// A flag set once, read from other tasks.
final class Latch: Sendable {
    private let state = Atomic<Bool>(false)
    func set() { state.store(true, ordering: .sequentiallyConsistent) }
    var isSet: Bool { state.load(ordering: .sequentiallyConsistent) }
}
