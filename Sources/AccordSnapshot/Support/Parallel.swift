import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Work spread over every core, with results in order: a diff compares its changed definitions
/// side by side, each independent of the others, and places its findings on their lines.
///
/// ```swift
/// let findings = Parallel.mapChunks(pairs.count) { range in range.map { compare(pairs[$0]) } }
/// ```
package enum Parallel {
    /// `0..<count` cut into one contiguous range per core, each given to `body` on its own
    /// thread (so per-thread state is made once per range); the results joined in index order.
    package static func mapChunks<Result: Sendable>(_ count: Int, _ body: @Sendable (Range<Int>) -> [Result]) -> [Result] {
        let workers = min(count, System.coreCount)
        guard workers > 1 else { return count == 0 ? [] : body(0..<count) }
        let size = (count + workers - 1) / workers
        return map(workers) { worker in body(min(count, worker * size)..<min(count, (worker + 1) * size)) }.flatMap { $0 }
    }

    /// `body(0) … body(count - 1)`, run concurrently; the results in index order.
    package static func map<Result: Sendable>(_ count: Int, _ body: @Sendable (Int) -> Result) -> [Result] {
        guard count > 1 else { return (0..<count).map(body) }
        let slots = Slots<Result>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in slots.store(body(index), at: index) }
        return slots.results()
    }

    /// The cores this process may run on.
    private enum System {
        static let coreCount = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    /// One slot per index, each written by exactly one iteration before any is read.
    private final class Slots<Result>: @unchecked Sendable {
        private let storage: UnsafeMutableBufferPointer<Result?>

        init(count: Int) {
            storage = .allocate(capacity: count)
            storage.initialize(repeating: nil)
        }

        func store(_ result: Result, at index: Int) { storage[index] = result }

        func results() -> [Result] { storage.map { $0! } }

        deinit {
            storage.deinitialize()
            storage.deallocate()
        }
    }
}
