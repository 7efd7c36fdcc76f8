import AccordContracts
import AccordJSON

/// The provider states a request is answered in: those of its `params._meta["accord/state"]`
/// (a string or a list of strings) when present, else those given with `--state`.
///
/// With no state selected every interaction is eligible; with states selected an interaction
/// whose `given:` names another state is not, while interactions without `given:` always are.
public struct StateSelection: Sendable, Equatable {
    /// The `_meta` key a request selects states with.
    public static let metaKey = "accord/state"

    public var states: [String]

    public init(states: [String]) { self.states = states }

    /// The request's own selection, else `defaults`.
    public static func of(meta: JSONValue?, defaults: [String]) -> StateSelection {
        switch meta?[metaKey] {
        case .string(let state)?: StateSelection(states: [state])
        case .array(let states)?: StateSelection(states: states.compactMap(\.stringValue))
        default: StateSelection(states: defaults)
        }
    }

    public func admits(_ interaction: Interaction) -> Bool {
        guard let state = interaction.given?.state, !states.isEmpty else { return true }
        return states.contains(state)
    }

    /// Rank among matching interactions, lower first: a selected state beats no `given:`,
    /// which (with nothing selected) beats a `given:`.
    func preference(_ interaction: Interaction) -> Int {
        guard let state = interaction.given?.state else { return states.isEmpty ? 0 : 1 }
        return states.contains(state) ? 0 : 2
    }

    var description: String { states.isEmpty ? "none" : states.map { "\"\($0)\"" }.joined(separator: ", ") }
}
