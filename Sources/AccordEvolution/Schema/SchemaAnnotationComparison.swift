import AccordJSON

/// Keywords that never reject a value: `$schema` (the dialect; a change between dialects that
/// read both schemas alike is none, see ``SchemaDialectCore``), `default`, `deprecated`,
/// descriptive text (title, description, examples, `$comment`, …), and keywords the comparison
/// does not know, which are undecidable rather than guessed harmless.
extension SchemaComparisonSession {
    /// MCP's default dialect: a schema without `$schema` is read as 2020-12.
    static let defaultDialect = "json-schema.org/draft/2020-12/schema"

    func compareAnnotations(_ old: SchemaNode, _ new: SchemaNode, at site: SchemaSite) {
        compareDialect(old, new, at: site)
        compareDefault(old, new, at: site)
        compareDeprecation(old, new, at: site)

        let keys = Set(old.members.keys).union(new.members.keys)
        for key in keys.sorted() {
            let before = old.members[key], after = new.members[key]
            guard !SchemaValue.equal(before, after) else { continue }
            if SchemaKeywords.isAnnotation(key) {
                let detail = switch (before, after) {
                case (nil, let value?): "\(key) added: \(SchemaValue.brief(value))"
                case (let value?, nil): "\(key) removed (was \(SchemaValue.brief(value)))"
                default: "\(key) changed from \(SchemaValue.brief(before)) to \(SchemaValue.brief(after))"
                }
                report(.annotationChanged, at: site, site.pointer(key), old: before, new: after, detail,
                       tags: key == "description" || key == "title" ? ["llm-facing"] : [])
            } else if !SchemaKeywords.isKnown(key) {
                report(.undecidable, at: site, site.pointer(key), old: before, new: after, "unknown keyword `\(key)` changed",
                       hint: "`\(key)` is not a JSON Schema keyword this comparison knows; whether it constrains values cannot be decided")
            }
        }
    }

    private func compareDialect(_ old: SchemaNode, _ new: SchemaNode, at site: SchemaSite) {
        let before = old.members["$schema"], after = new.members["$schema"]
        guard !SchemaValue.equal(before, after) else { return }
        func dialect(_ value: JSONValue?) -> String {
            guard let text = value?.stringValue else { return Self.defaultDialect }
            var trimmed = Substring(text)
            for scheme in ["https://", "http://"] where trimmed.hasPrefix(scheme) { trimmed = trimmed.dropFirst(scheme.count) }
            while trimmed.hasSuffix("#") { trimmed = trimmed.dropLast() }
            return String(trimmed)
        }
        let (oldDialect, newDialect) = (dialect(before), dialect(after))
        guard oldDialect != newDialect else { return }
        // Both dialects read every keyword of both schemas alike: nothing validates differently.
        if SchemaDialectCore.dialects.contains(oldDialect), SchemaDialectCore.dialects.contains(newDialect), readsAlikeInCoreDialects { return }
        report(.dialectChanged, at: site, site.pointer("$schema"), old: before, new: after,
               "$schema dialect changed from \(SchemaValue.plain(before ?? .string("2020-12 (default)"))) to \(SchemaValue.plain(after ?? .string("2020-12 (default)")))",
               hint: "keywords may validate differently under another dialect")
    }

    private func compareDefault(_ old: SchemaNode, _ new: SchemaNode, at site: SchemaSite) {
        let before = old.members["default"], after = new.members["default"]
        guard !SchemaValue.equal(before, after) else { return }
        let detail = switch (before, after) {
        case (nil, let value?): "default \(SchemaValue.brief(value)) added"
        case (let value?, nil): "default removed (was \(SchemaValue.brief(value)))"
        default: "default changed from \(SchemaValue.brief(before)) to \(SchemaValue.brief(after))"
        }
        report(.defaultChanged, at: site, site.pointer("default"), old: before, new: after, detail,
               hint: direction == .input ? "calls that omit the value now behave differently" : nil)
    }

    private func compareDeprecation(_ old: SchemaNode, _ new: SchemaNode, at site: SchemaSite) {
        let before = old.members["deprecated"], after = new.members["deprecated"]
        guard !SchemaValue.equal(before, after) else { return }
        let wasDeprecated = before == .bool(true), isDeprecated = after == .bool(true)
        if isDeprecated, !wasDeprecated {
            report(.deprecated, at: site, site.pointer("deprecated"), old: before, new: after, "marked deprecated")
        } else if wasDeprecated != isDeprecated {
            report(.annotationChanged, at: site, site.pointer("deprecated"), old: before, new: after, "no longer marked deprecated")
        }
    }
}
