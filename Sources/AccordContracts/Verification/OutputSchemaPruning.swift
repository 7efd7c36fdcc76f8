import AccordJSON

extension Matcher {
    /// This matcher cut down to what `outputSchema` guarantees (the rules of static
    /// verification: declared, required at every object level, a compatible type), or nil when
    /// nothing of it is guaranteed. An `$integer` the schema only types as `number` becomes
    /// `$number`; an `$eachLike` whose elements are not guaranteed becomes "an array".
    ///
    /// ```swift
    /// let schema: JSONValue = ["type": "object", "properties": ["id": ["type": "string"]], "required": ["id"]]
    /// Matcher.object(["id": .like("a"), "note": .like("b")]).pruned(toGuaranteesOf: schema)
    /// // .object(["id": .like("a")])
    /// ```
    public func pruned(toGuaranteesOf outputSchema: JSONValue) -> Matcher? {
        OutputSchemaGuarantee(root: outputSchema, base: JSONPointer(tokens: ["structuredContent"])).prune(self, outputSchema)
    }
}

extension OutputSchemaGuarantee {
    func prune(_ matcher: Matcher, _ schema: JSONValue) -> Matcher? {
        let schema = resolve(schema)
        let declared = types(of: schema)
        var matcher = matcher
        if case .integer = matcher, !Matcher.integer.guaranteedBy(schemaTypes: declared), Matcher.number.guaranteedBy(schemaTypes: declared) {
            matcher = .number
        }
        guard matcher.guaranteedBy(schemaTypes: declared) else { return nil }
        switch matcher {
        case .object(let members):
            var kept: [String: Matcher] = [:]
            for (key, member) in members {
                guard case .schema(let property) = step(schema, key, at: base), let guaranteed = prune(member, property) else { continue }
                kept[key] = guaranteed
            }
            return .object(kept)
        case .eachLike(let element, let min):
            guard let items = schema["items"], let guaranteed = prune(element, items) else { return .like(.array([])) }
            return .eachLike(guaranteed, min: min)
        case .array, .includesElements:
            return check(matcher, schema, at: base).isEmpty ? matcher : .like(.array([]))
        default:
            return check(matcher, schema, at: base).isEmpty ? matcher : nil
        }
    }
}
