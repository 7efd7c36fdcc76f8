import AccordJSON

/// The calls a probe will make, decided before the first one: which tools are safe to call,
/// and for each its arguments, generated from its inputSchema.
///
/// Safety first: a tool is called only when its effective annotations say `readOnlyHint: true`
/// (MCP's default is `false`), unless ``ProbeOptions/allowWrites``; every other tool is listed
/// with the reason. Arguments come from ``SchemaInstanceGenerator`` seeded per tool from the
/// probe's seed and the tool's name, so adding a tool to a server does not change the
/// arguments the others get. Repeated arguments are sent once.
///
/// ```swift
/// let plan = ProbePlan(tools: snapshot.tools, options: ProbeOptions(seed: 3, callsPerTool: 2))
/// plan.calls.map(\.tool)        // ["get_invoice", "get_invoice", "list_invoices", …]
/// plan.skipped.map(\.tool)      // ["void_invoice"]: readOnlyHint is not true
/// ```
public struct ProbePlan: Sendable, Equatable {
    /// One call to make.
    public struct Call: Sendable, Equatable {
        public var tool: String
        public var kind: ProbeReport.ArgumentKind
        public var arguments: JSONValue
    }

    public var calls: [Call] = []
    public var skipped: [ProbeReport.SkippedTool] = []

    /// Plans the calls for `tools` (tool definitions as listed, in any order: the plan is in
    /// name order).
    public init(tools: [JSONValue], options: ProbeOptions) {
        let named = tools.compactMap { tool in tool["name"]?.stringValue.map { ($0, tool) } }.sorted { $0.0 < $1.0 }
        for (name, tool) in named {
            if let reason = Self.unsafeReason(tool), !options.allowWrites {
                skipped.append(.init(tool: name, reason: reason + " (pass --allow-writes to call it)"))
                continue
            }
            let schema = tool["inputSchema"] ?? ["type": "object"]
            var generator = SchemaInstanceGenerator(seed: Self.seed(options.seed, tool: name),
                                                    options: .init(validation: .init(assertFormats: true)))
            let valid = Self.distinct(options.callsPerTool) { generator.validInstance(of: schema) }
            if valid.isEmpty {
                skipped.append(.init(tool: name, reason: "no arguments that satisfy its inputSchema could be generated"))
                continue
            }
            calls += valid.map { Call(tool: name, kind: .valid, arguments: $0) }
            if options.invalid {
                var invalidGenerator = SchemaInstanceGenerator(seed: Self.seed(options.seed ^ 0x5EED, tool: name))
                calls += Self.distinct(options.callsPerTool) { invalidGenerator.invalidInstance(of: schema) }
                    .map { Call(tool: name, kind: .invalid, arguments: $0) }
            }
        }
    }

    /// Why the tool's effective annotations do not make it safe to call, or `nil` when they do.
    static func unsafeReason(_ tool: JSONValue) -> String? {
        switch tool["annotations"]?["readOnlyHint"] {
        case .bool(true)?: nil
        case .bool(false)?: "readOnlyHint is false: it may modify its environment"
        default: "no readOnlyHint (MCP's default is false): it may modify its environment"
        }
    }

    /// Up to `count` different object values from `next`, trying a few times more than asked.
    /// Tool arguments are objects: anything else a schema admits is not sent.
    private static func distinct(_ count: Int, _ next: () -> JSONValue?) -> [JSONValue] {
        var values: [JSONValue] = []
        var attempts = 0
        while values.count < count, attempts < count * 3 {
            attempts += 1
            guard let value = next(), value.objectValue != nil, !values.contains(value) else { continue }
            values.append(value)
        }
        return values
    }

    /// The tool's own seed: the probe's seed mixed with an FNV-1a hash of the name (stable
    /// across runs and platforms, unlike `Hasher`).
    static func seed(_ seed: UInt64, tool: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in tool.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return seed ^ hash
    }
}
