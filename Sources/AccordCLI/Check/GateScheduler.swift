import AccordReport
import Foundation

/// Runs server gates: at most `jobs` at once, gates with provider-state hooks one after another
/// (their hooks may share state), results in the given order. Reports each start and finish
/// to `progress` (a line on a terminal).
enum GateScheduler {
    static func run(_ gates: [ServerGate], jobs: Int, progress: @escaping @Sendable (String) -> Void) async -> [CheckReport.ServerResult] {
        let total = gates.count
        let counter = FinishedCounter()
        @Sendable func timed(_ gate: ServerGate) async -> CheckReport.ServerResult {
            progress("checking \(gate.definition.name)…")
            let start = ContinuousClock.now
            let result = await gate.run()
            let seconds = (ContinuousClock.now - start).components
            let elapsed = String(format: "%.1f", Double(seconds.seconds) + Double(seconds.attoseconds) / 1e18)
            let done = await counter.next()
            progress("[\(done)/\(total)] \(gate.definition.name): \(describe(result)) (\(elapsed) s)")
            return result
        }
        // Lanes: each concurrent gate is a lane of its own; all hooked gates share one lane.
        var lanes: [[Int]] = gates.indices.filter { gates[$0].runsConcurrently }.map { [$0] }
        let hooked = gates.indices.filter { !gates[$0].runsConcurrently }
        if !hooked.isEmpty { lanes.append(hooked) }

        var results = [CheckReport.ServerResult?](repeating: nil, count: total)
        await withTaskGroup(of: [(Int, CheckReport.ServerResult)].self) { group in
            var next = 0
            func startLane() {
                let lane = lanes[next]
                next += 1
                group.addTask {
                    var finished: [(Int, CheckReport.ServerResult)] = []
                    for index in lane { finished.append((index, await timed(gates[index]))) }
                    return finished
                }
            }
            while next < lanes.count, next < max(1, jobs) { startLane() }
            for await finished in group {
                for (index, result) in finished { results[index] = result }
                if next < lanes.count { startLane() }
            }
        }
        return results.compactMap { $0 }
    }

    static func describe(_ result: CheckReport.ServerResult) -> String {
        switch result.status {
        case .passed: result.baselineUpdated ? "passed, baseline updated" : "passed"
        case .failed: "FAILED"
        case .error: "ERROR"
        }
    }

    private actor FinishedCounter {
        var count = 0
        func next() -> Int {
            count += 1
            return count
        }
    }
}
