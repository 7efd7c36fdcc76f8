import AccordJSON

/// A tool's deprecation marker in `_meta` (`{since, sunset, replacement}`) and whether the
/// policy's window for removing it has passed: the sunset date is reached, or the new release is
/// at least N minor releases after `since`.
struct DeprecationWindow: CustomStringConvertible {
    var since: String?
    var sunset: String?
    var replacement: String?
    var isOver: Bool

    init?(tool: JSONValue, options: ComparisonOptions, newVersion: String?) {
        guard let marker = tool["_meta"]?[options.deprecationMetaKey] else { return nil }
        since = marker["since"]?.stringValue
        sunset = marker["sunset"]?.stringValue
        replacement = marker["replacement"]?.stringValue
        var over = false
        if let sunset, UTCDate.isValid(sunset), options.today >= sunset { over = true }
        if let releases = options.deprecationMinorReleases, let since, let start = SemanticVersion(since),
           let newVersion, let end = SemanticVersion(newVersion) {
            let elapsed = end.major > start.major ? Int.max : end.minor - start.minor
            if elapsed >= releases { over = true }
        }
        isOver = over
    }

    var description: String {
        var parts: [String] = []
        if let since { parts.append("deprecated since \(since)") }
        if let sunset { parts.append("sunset \(sunset)") }
        if let replacement { parts.append("replacement: \(replacement)") }
        return parts.joined(separator: ", ")
    }
}
