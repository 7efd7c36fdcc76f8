import AccordContracts
import AccordJSON
import AccordServer

/// Finds the interaction that answers a call, or explains why none does by naming the closest
/// one and what differs: the argument and the matcher, the provider state it needs, or the
/// name it calls instead.
///
/// Interactions are indexed by method and target, and those with plain arguments also by their
/// arguments' normalised text, so a request costs a lookup however many interactions a contract
/// has; the explanation (every candidate compared, messages written) is only worked out when
/// nothing matches.
struct CallMatcher: Sendable {
    let interactions: [PreparedInteraction]
    private let byTarget: [String: [PreparedInteraction]]
    private let byArguments: [String: [PreparedInteraction]]
    private let withMatchers: [String: [PreparedInteraction]]

    init(interactions: [PreparedInteraction]) {
        self.interactions = interactions
        var byTarget: [String: [PreparedInteraction]] = [:], byArguments: [String: [PreparedInteraction]] = [:], withMatchers: [String: [PreparedInteraction]] = [:]
        for prepared in interactions {
            let key = Self.key(prepared.interaction.call.method, prepared.target)
            byTarget[key, default: []].append(prepared)
            if let arguments = prepared.arguments, ArgumentMatching.containsMatcher(arguments) {
                withMatchers[key, default: []].append(prepared)
            } else {
                byArguments[key + "\u{0}" + Self.normalised(prepared.arguments), default: []].append(prepared)
            }
        }
        (self.byTarget, self.byArguments, self.withMatchers) = (byTarget, byArguments, withMatchers)
    }

    enum Outcome: Equatable {
        case matched(PreparedInteraction)
        /// Nothing matches; `message` says why, naming `closest` when there is one.
        case unmatched(message: String, closest: PreparedInteraction?)
    }

    func match(_ target: MCPCall.Target, states: StateSelection) -> Outcome {
        let sent = Self.arguments(of: target)
        let key = Self.key(target.method, target.name)
        let quick = (byArguments[key + "\u{0}" + Self.normalised(sent)] ?? [])
            + (withMatchers[key] ?? []).filter { ArgumentMatching.mismatches(expected: $0.arguments ?? .object([:]), actual: sent ?? .object([:])).isEmpty }
        if let chosen = quick.filter({ states.admits($0.interaction) }).min(by: { states.preference($0.interaction) < states.preference($1.interaction) }) {
            return .matched(chosen)
        }
        return explained(target, sent: sent, states: states, sameTarget: byTarget[key] ?? [])
    }

    /// The slow path: every candidate compared, to match numerically equal arguments written
    /// differently (`1.0e4` for `10000`) or to say why nothing matches.
    private func explained(_ target: MCPCall.Target, sent: JSONValue?, states: StateSelection, sameTarget: [PreparedInteraction]) -> Outcome {
        let sameMethod = interactions.filter { $0.interaction.call.method == target.method }
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

    private static func key(_ method: String, _ target: String) -> String { method + "\u{0}" + target }

    /// Arguments as text in which equal values are equal: sorted keys, numbers by value.
    private static func normalised(_ arguments: JSONValue?) -> String {
        func normal(_ value: JSONValue) -> JSONValue {
            switch value {
            case .number(let number): .number(JSONNumber(text: number.isIntegral ? String(format: "%.0f", number.doubleValue) : String(number.doubleValue)) ?? number)
            case .array(let elements): .array(elements.map(normal))
            case .object(let members): .object(members.mapValues(normal))
            default: value
            }
        }
        return arguments.map { JSONEncoding.compact(normal($0)) } ?? ""
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
