import AccordJSON

/// Compares the declared `serverInfo.version` of two snapshots with the bump the changes require
/// (RULES.md, "Version checks").
enum VersionCheck {
    static func findings(oldVersion: String?, newVersion: String?, required: SemverEffect, serverName: String, changesPresent: Bool) -> [Finding] {
        let path = ObjectPath(kind: .server, name: serverName)
        guard let oldText = oldVersion, let newText = newVersion,
              let old = SemanticVersion(oldText), let new = SemanticVersion(newText) else { return [] }
        let versions: (JSONValue?, JSONValue?) = (.string(oldText), .string(newText))
        if new < old {
            return [path.finding("version-decreased", ["serverInfo", "version"], old: versions.0, new: versions.1, message: "serverInfo.version went down from \(oldText) to \(newText)")]
        }
        if new == old {
            guard changesPresent else { return [] }
            return [path.finding("version-not-bumped", ["serverInfo", "version"], old: versions.0, new: versions.1,
                                 message: "serverInfo.version is still \(newText) although definitions changed", hint: requiredHint(old, required))]
        }
        guard let requested = SemanticVersionPart(required) else { return [] }
        let needed = old.part(for: requested)
        if let actual = new.bumpSince(old), actual < needed {
            return [path.finding("version-bump-insufficient", ["serverInfo", "version"], old: versions.0, new: versions.1,
                                 message: "serverInfo.version went from \(oldText) to \(newText), a \(name(actual)) bump, but the changes need a \(name(needed)) bump",
                                 hint: requiredHint(old, required))]
        }
        return []
    }

    private static func requiredHint(_ old: SemanticVersion, _ required: SemverEffect) -> String? {
        required == .none ? nil : "the changes require \(old.bumped(for: required)) or later"
    }

    private static func name(_ part: SemanticVersionPart) -> String {
        switch part {
        case .major: "major"
        case .minor: "minor"
        case .patch: "patch"
        }
    }
}
