/// A semantic version (`MAJOR.MINOR.PATCH[-pre][+build]`; a leading `v` and a missing patch are
/// tolerated, as servers write them).
public struct SemanticVersion: Sendable, Equatable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public var patch: Int
    public var prerelease: String?

    public init(major: Int, minor: Int, patch: Int, prerelease: String? = nil) {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.prerelease = prerelease
    }

    public init?(_ text: String) {
        var core = Substring(text.hasPrefix("v") ? String(text.dropFirst()) : text)
        if let plus = core.firstIndex(of: "+") { core = core[..<plus] }
        var prerelease: String?
        if let dash = core.firstIndex(of: "-") {
            prerelease = String(core[core.index(after: dash)...])
            core = core[..<dash]
        }
        let numbers = core.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        guard (2...3).contains(numbers.count), numbers.allSatisfy({ $0 != nil && $0! >= 0 }) else { return nil }
        self.init(major: numbers[0]!, minor: numbers[1]!, patch: numbers.count == 3 ? numbers[2]! : 0, prerelease: prerelease)
    }

    public var description: String { "\(major).\(minor).\(patch)" + (prerelease.map { "-\($0)" } ?? "") }

    public static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        if (lhs.major, lhs.minor, lhs.patch) != (rhs.major, rhs.minor, rhs.patch) {
            return (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
        }
        switch (lhs.prerelease, rhs.prerelease) {
        case (nil, nil), (nil, _?): return false
        case (_?, nil): return true
        case (let left?, let right?): return left < right
        }
    }

    /// The part that must change for `effect`. Below 1.0.0 everything moves one place right
    /// (semver's 0.y rule): a breaking change needs a minor bump, an addition a patch.
    public func part(for effect: SemanticVersionPart) -> SemanticVersionPart {
        guard major == 0 else { return effect }
        switch effect {
        case .major: return .minor
        case .minor, .patch: return .patch
        }
    }

    /// This version bumped for a change of `effect` (after the 0.y rule).
    public func bumped(for effect: SemverEffect) -> SemanticVersion {
        guard let requested = SemanticVersionPart(effect) else { return SemanticVersion(major: major, minor: minor, patch: patch) }
        switch part(for: requested) {
        case .major: return SemanticVersion(major: major + 1, minor: 0, patch: 0)
        case .minor: return SemanticVersion(major: major, minor: minor + 1, patch: 0)
        case .patch: return SemanticVersion(major: major, minor: minor, patch: patch + 1)
        }
    }

    /// The largest part that differs from `older` to `self` (nil when not higher).
    public func bumpSince(_ older: SemanticVersion) -> SemanticVersionPart? {
        guard older < self else { return nil }
        if major != older.major { return .major }
        if minor != older.minor { return .minor }
        return .patch
    }
}

/// A part of a version number.
public enum SemanticVersionPart: Int, Sendable, Comparable {
    case patch = 1
    case minor = 2
    case major = 3

    init?(_ effect: SemverEffect) {
        switch effect {
        case .none: return nil
        case .patch: self = .patch
        case .minor: self = .minor
        case .major: self = .major
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
