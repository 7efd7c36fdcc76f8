extension JSONValue {
    /// JSON Schema's equality, used by `enum`, `const` and `uniqueItems`: numbers are equal when
    /// their mathematical values are (`1 == 1.0 == 1e0`), booleans are never numbers, arrays
    /// compare element by element and objects member by member, ignoring key order.
    ///
    /// ```swift
    /// JSONValue(1).isSchemaEqual(to: 1.0)        // true
    /// JSONValue(true).isSchemaEqual(to: 1)       // false
    /// ```
    public func isSchemaEqual(to other: JSONValue) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.bool(let left), .bool(let right)): return left == right
        // Code point by code point: Swift's `==` would call "é" and "e\u{301}" equal.
        case (.string(let left), .string(let right)): return left.unicodeScalars.elementsEqual(right.unicodeScalars)
        case (.number(let left), .number(let right)):
            return left.text == right.text || SchemaDecimal(left) == SchemaDecimal(right)
        case (.array(let left), .array(let right)):
            return left.count == right.count && zip(left, right).allSatisfy { $0.isSchemaEqual(to: $1) }
        case (.object(let left), .object(let right)):
            guard left.count == right.count else { return false }
            for (key, value) in left {
                guard let match = right[key], value.isSchemaEqual(to: match) else { return false }
            }
            return true
        default: return false
        }
    }

    /// A hash consistent with ``isSchemaEqual(to:)``, so `uniqueItems` runs in linear time.
    func schemaHash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let flag): hasher.combine(1); hasher.combine(flag)
        case .string(let string): hasher.combine(2); hasher.combine(string)
        case .number(let number): hasher.combine(3); hasher.combine(SchemaDecimal(number))
        case .array(let elements):
            hasher.combine(4); hasher.combine(elements.count)
            for element in elements { element.schemaHash(into: &hasher) }
        case .object(let members):
            // Order-independent: combine per-member hashes commutatively.
            hasher.combine(5); hasher.combine(members.count)
            var sum = 0
            for (key, value) in members {
                var member = Hasher()
                member.combine(key)
                value.schemaHash(into: &member)
                sum = sum &+ member.finalize()
            }
            hasher.combine(sum)
        }
    }
}

/// Wraps a value so `Set` and `Dictionary` use schema equality.
struct SchemaEqualityKey: Hashable {
    let value: JSONValue
    static func == (lhs: SchemaEqualityKey, rhs: SchemaEqualityKey) -> Bool { lhs.value.isSchemaEqual(to: rhs.value) }
    func hash(into hasher: inout Hasher) { value.schemaHash(into: &hasher) }
}
