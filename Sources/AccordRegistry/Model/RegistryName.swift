/// A name that becomes part of a git ref and a file path in the registry: a participant
/// (provider or consumer), an environment, a version or a branch.
///
/// Letters, digits and `. _ + -`, and `/` in branches only; not empty, not starting with `.` or
/// `-`, no `..`, no `.lock` ending — so every name is a valid ref component on every git host.
public enum RegistryName {
    public enum Role: String, Sendable {
        case participant, consumer, provider, environment, version, branch
    }

    public static func validate(_ name: String, as role: Role) throws(RegistryError) -> String {
        let allowed = role == .branch ? "._+-/" : "._+-"
        let valid = !name.isEmpty && name.count <= 200
            && name.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || allowed.unicodeScalars.contains($0) }
            && !name.hasPrefix(".") && !name.hasPrefix("-") && !name.hasPrefix("/") && !name.hasSuffix("/")
            && !name.contains("..") && !name.contains("//") && !name.hasSuffix(".lock")
        guard valid else {
            throw RegistryError(.input, "\"\(name)\" is not a valid \(role.rawValue) name for the registry: use letters, digits and . _ + -\(role == .branch ? " /" : ""), not starting with . or -")
        }
        return name
    }
}
