import AccordJSON

/// `pattern` and `format`. Whether one regular expression admits every string another does
/// cannot be decided structurally, so a changed pattern is potentially breaking with a hint.
extension SchemaComparisonSession {
    func comparePattern(_ old: SchemaNode, _ new: SchemaNode, at site: SchemaSite) {
        let before = old.members["pattern"], after = new.members["pattern"]
        switch (before, after) {
        case (nil, let pattern?):
            report(.patternAdded, at: site, site.pointer("pattern"), old: nil, new: pattern, "pattern \(SchemaValue.brief(pattern)) added")
        case (let pattern?, nil):
            report(.patternRemoved, at: site, site.pointer("pattern"), old: pattern, new: nil, "pattern \(SchemaValue.brief(pattern)) removed")
        case (let before?, let after?) where !SchemaValue.equal(before, after):
            report(.patternChanged, at: site, site.pointer("pattern"), old: before, new: after,
                   "pattern changed from \(SchemaValue.brief(before)) to \(SchemaValue.brief(after))",
                   hint: "whether the new pattern admits every string the old one did cannot be decided structurally")
        default:
            break
        }
    }

    func compareFormat(_ old: SchemaNode, _ new: SchemaNode, at site: SchemaSite) {
        let before = old.members["format"], after = new.members["format"]
        let annotationNote = "JSON Schema 2020-12 treats format as an annotation by default, but many servers validate it"
        switch (before, after) {
        case (nil, let format?):
            report(.formatAdded, at: site, site.pointer("format"), old: nil, new: format, "format \(SchemaValue.plain(format)) added",
                   hint: direction == .input ? annotationNote : nil)
        case (let format?, nil):
            report(.formatRemoved, at: site, site.pointer("format"), old: format, new: nil, "format \(SchemaValue.plain(format)) removed")
        case (let before?, let after?) where !SchemaValue.equal(before, after):
            report(.formatChanged, at: site, site.pointer("format"), old: before, new: after,
                   "format changed from \(SchemaValue.plain(before)) to \(SchemaValue.plain(after))", hint: annotationNote)
        default:
            break
        }
    }
}
