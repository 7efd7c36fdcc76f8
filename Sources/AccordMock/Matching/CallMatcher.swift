import AccordContracts
import AccordJSON
import AccordServer

/// Finds the interaction that answers a call, or explains why none does by naming the closest
/// one and what differs: the argument and the matcher, the provider state it needs, or the
/// name it calls instead.
struct CallMatcher: Sendable {
    let interactions: [PreparedInteraction]

    enum Outcome: Equatable {
        case matched(PreparedInteraction)
        /// Nothing matches; `message` says why, naming `closest` when there is one.
        case unmatched(message: String, closest: PreparedInteraction?)
    }

    func match(_ target: MCPCall.Target, states: StateSelection) -> Outcome {
        let sameMethod = interactions.filter { $0.interaction.call.method == target.method }
        let sameTarget = sameMethod.filter { $0.target == target.name }
        let sent = Self.arguments(of: target)
        var best: (candidate: PreparedInteraction, problems: [String])?
        var matches: [PreparedInteraction] = []
        for candidate in sameTarget {
            let problems = candidate.arguments.map { ArgumentMatching.mismatches(expected: $0, actual: sent ?? .object([:])) } ?? []
            var reasons = problems.map { "argument \($0.message)" }
            if !states.admits(candidate.interaction), let needed = candidate.interaction.given?.state {
                reasons.insert("it needs provider state \"\(needed)\" (selected: \(states.description); select it with --state or _meta \"\(StateSelection.metaKey)\")", at: 0)
            }
            if reasons.isEmpty { matches.append(candidate) }
            if best == nil || reasons.count < best!.problems.count { best = (candidate, reasons) }
        }
        if let chosen = matches.min(by: { states.preference($0.interaction) < states.preference($1.interaction) }) {
            return .matched(chosen)
        }
        let request = Self.describe(target, sent)
        if let best {
            return .unmatched(message: "accord mock: no interaction matches \(request); closest is \(best.candidate.label): \(best.problems.joined(separator: "; "))",
                              closest: best.candidate)
        }
        guard let nearest = sameMethod.min(by: { Self.distance($0.target, target.name) < Self.distance($1.target, target.name) }) else {
            return .unmatched(message: "accord mock: no interaction in the contracts makes a \(target.method) call (\(request))", closest: nil)
        }
        return .unmatched(message: "accord mock: no interaction matches \(request); closest is \(nearest.label), which \(Self.verb(target)) \(nearest.target)",
                          closest: nearest)
    }

    static func arguments(of target: MCPCall.Target) -> JSONValue? {
        switch target {
        case .callTool(_, let arguments), .getPrompt(_, let arguments): arguments
        case .readResource: nil
        }
    }

    static func describe(_ target: MCPCall.Target, _ arguments: JSONValue?) -> String {
        var text = "\(target.method) \(target.name)"
        if let arguments { text += " " + JSONEncoding.compact(arguments) }
        return text
    }

    private static func verb(_ target: MCPCall.Target) -> String {
        switch target {
        case .callTool: "calls tool"
        case .readResource: "reads"
        case .getPrompt: "gets prompt"
        }
    }

    /// Edit distance, to name the interaction whose target is spelled most like the request's.
    static func distance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs.unicodeScalars), b = Array(rhs.unicodeScalars)
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
