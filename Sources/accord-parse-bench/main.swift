import AccordJSON
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// accord-parse-bench: the JSON parser's throughput on real files (issue 13's 400 MB/s target).
//   accord-parse-bench [--runs N] FILE...
// For each file, the best of N runs (default 5) of: the tape over all nodes, the tape to depth 2
// (what a snapshot diff records), and JSONValue(parsing:) (tape + materialisation). MB = 10^6
// bytes of input per second of wall time; the file is read into memory once beforehand, so only
// parsing is timed. The rate per second of the thread's CPU time is printed beside it.

var arguments = Array(CommandLine.arguments.dropFirst())
var requestedRuns = 5
if let flag = arguments.firstIndex(of: "--runs"), flag + 1 < arguments.count, let count = Int(arguments[flag + 1]), count > 0 {
    requestedRuns = count
    arguments.removeSubrange(flag...flag + 1)
}
let runs = requestedRuns
guard !arguments.isEmpty, !arguments.contains(where: { $0.hasPrefix("-") }) else {
    print("usage: accord-parse-bench [--runs N] FILE...")
    exit(2)
}

/// The best wall time of `runs` runs of `body`, and the best thread CPU time, in seconds (on a
/// loaded machine the CPU time says what the parser would do on an idle one).
@MainActor
func best(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
    var fastest = (wall: Double.infinity, cpu: Double.infinity)
    for _ in 0..<runs {
        let start = ContinuousClock.now
        let cpuStart = threadCPUSeconds()
        try body()
        let cpu = threadCPUSeconds() - cpuStart
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        fastest = (min(fastest.wall, seconds), min(fastest.cpu, cpu))
    }
    return fastest
}

func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

@MainActor
func report(_ label: String, bytes: Int, seconds: (wall: Double, cpu: Double)) {
    let megabytes = Double(bytes) / 1e6
    let padded = label + String(repeating: " ", count: max(1, 24 - label.count))
    print("  \(padded)\(String(format1: megabytes / seconds.wall)) MB/s   (\(String(format1: seconds.wall * 1000)) ms, best of \(runs); "
        + "CPU time: \(String(format1: megabytes / seconds.cpu)) MB/s)")
}

extension String {
    /// `value` with one decimal, without Foundation.
    init(format1 value: Double) {
        let tenths = Int((value * 10).rounded())
        self = "\(tenths / 10).\(abs(tenths % 10))"
    }
}

do {
    for path in arguments {
        let mapped = try JSONInput.mapped(path: path)
        let input = JSONInput(bytes: mapped.withUnsafeBytes { Array($0) })
        let bytes = input.withUnsafeBytes { Array($0) }
        print("\(path) (\(String(format1: Double(input.count) / 1e6)) MB)")
        var nodes = 0
        report("tape", bytes: input.count, seconds: try best { nodes = try JSONTape(parsing: input).recordedNodeCount })
        var shallow = 0
        report("tape, maxDepth 2", bytes: input.count, seconds: try best { shallow = try JSONTape(parsing: input, maxDepth: 2).recordedNodeCount })
        report("tape, mapped file", bytes: input.count, seconds: try best { _ = try JSONTape(parsing: mapped, maxDepth: 2) })
        report("JSONValue(parsing:)", bytes: input.count, seconds: try best { _ = try JSONValue(parsing: bytes) })
        print("  nodes: \(nodes) (maxDepth 2: \(shallow))")
    }
} catch {
    print("accord-parse-bench: \(error)")
    exit(1)
}
