/// How `accord mock` serves: which definitions it offers and which provider states it is in.
public struct MockOptions: Sendable, Equatable {
    /// Offer every definition of the snapshot (`--all`), not only those the contracts name.
    public var offerAll: Bool
    /// The provider states selected for every request (`--state`, repeatable); a request may
    /// select others with `params._meta["accord/state"]` (``StateSelection/metaKey``).
    public var states: [String]
    /// `--require-all`: an interaction never called fails the run.
    public var requireAll: Bool

    public init(offerAll: Bool = false, states: [String] = [], requireAll: Bool = false) {
        self.offerAll = offerAll
        self.states = states
        self.requireAll = requireAll
    }
}
