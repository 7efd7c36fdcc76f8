import AccordYAML
import AccordEvolution
import AccordJSON

/// Reads the `policy:` section of accord.yaml into a ``Policy``, checking every rule id, pointer
/// and date so a typo is an error with its line, never a silently ignored entry.
enum PolicyConfiguration {
    static let keys: Set<String> = ["fail-on", "strict", "strict-content-model", "severity", "extensible-enums", "accept", "deprecation"]

    static func parse(_ node: YAMLNodeReader) throws(InputFileError) -> Policy {
        let fields = try node.mapping(allowedKeys: keys)
        var policy = Policy()
        if let failOn = fields["fail-on"] {
            let text = try failOn.string()
            guard let value = FailOn(rawValue: text) else {
                throw failOn.error("must be one of \(FailOn.allCases.map(\.rawValue).joined(separator: ", ")), found \"\(text)\"")
            }
            policy.failOn = value
        }
        if let strict = fields["strict"] { policy.strict = try strict.bool() }
        if let strict = fields["strict-content-model"] { policy.strictContentModel = try strict.bool() }
        if let severity = fields["severity"] {
            for (rule, value) in try severity.mapping() {
                try checkRule(rule, at: value)
                let text = try value.string()
                if text == "off" {
                    policy.severityOverrides[rule] = .some(nil)
                } else if let parsed = Severity(rawValue: text) {
                    policy.severityOverrides[rule] = .some(parsed)
                } else {
                    throw value.error("must be breaking, potentially-breaking, review, non-breaking or off, found \"\(text)\"")
                }
            }
        }
        if let enums = fields["extensible-enums"] {
            for text in try enums.strings() { policy.extensibleEnums.append(try pointer(text, at: enums)) }
        }
        if let accept = fields["accept"] {
            guard let entries = accept.node.sequence else { throw accept.error("must be a list of entries") }
            for (index, element) in entries.enumerated() {
                let entryNode = YAMLNodeReader(node: element, file: accept.file, path: "\(accept.path)[\(index)]")
                policy.accept.append(try acceptEntry(entryNode))
            }
        }
        if let deprecation = fields["deprecation"] {
            let settings = try deprecation.mapping(allowedKeys: ["meta-key", "minor-releases"])
            if let key = settings["meta-key"] { policy.deprecationMetaKey = try key.string() }
            if let releases = settings["minor-releases"] {
                guard let count = Int(try releases.string()), count >= 0 else { throw releases.error("must be a whole number") }
                policy.deprecationMinorReleases = count
            }
        }
        return policy
    }

    private static func acceptEntry(_ node: YAMLNodeReader) throws(InputFileError) -> AcceptEntry {
        let fields = try node.mapping(allowedKeys: ["fingerprint", "rule", "path", "reason", "expires"])
        guard let reason = fields["reason"] else { throw node.error("needs a reason: say why this change is acceptable") }
        var entry = AcceptEntry(reason: try reason.string(), location: node.line.map { "\(node.file):\($0)" })
        if let fingerprint = fields["fingerprint"] {
            let text = try fingerprint.string()
            guard text.count == 12, text.allSatisfy(\.isHexDigit) else { throw fingerprint.error("must be the 12 hex digits a report shows") }
            entry.fingerprint = text.lowercased()
        }
        if let rule = fields["rule"] {
            let text = try rule.string()
            try checkRule(text, at: rule)
            entry.rule = text
        }
        if let path = fields["path"] { entry.path = try pointer(try path.string(), at: path) }
        guard (entry.fingerprint == nil) != (entry.rule == nil) else {
            throw node.error("give either a fingerprint or a rule (optionally with a path)")
        }
        if entry.path != nil, entry.rule == nil { throw node.error("path goes with rule") }
        if let expires = fields["expires"] {
            let text = try expires.string()
            guard UTCDate.isValid(text) else { throw expires.error("must be a date like 2027-01-31") }
            entry.expires = text
        }
        return entry
    }

    private static func checkRule(_ id: String, at node: YAMLNodeReader) throws(InputFileError) {
        guard RuleCatalogue.contains(id) else {
            throw node.error("unknown rule \"\(id)\"; `accord rules` lists them")
        }
    }

    private static func pointer(_ text: String, at node: YAMLNodeReader) throws(InputFileError) -> JSONPointer {
        do {
            return try JSONPointer(parsing: text)
        } catch {
            throw node.error(error.description)
        }
    }
}
