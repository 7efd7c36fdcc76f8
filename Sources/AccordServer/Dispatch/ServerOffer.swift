import AccordJSON

/// What the server says about itself and lists: the answers to `initialize` / `server/discover`
/// and to the four list methods. Definitions are served exactly as given.
///
/// ```swift
/// let offer = ServerOffer(serverInfo: ["name": "ledgerly", "version": "1.0.0"],
///                         tools: [["name": "echo", "inputSchema": ["type": "object"]]])
/// ```
public struct ServerOffer: Sendable, Equatable {
    /// `{name, version, ...}` as announced.
    public var serverInfo: JSONValue
    /// Announced capabilities; when `nil`, derived from which lists are non-empty.
    public var capabilities: JSONValue
    public var instructions: String?
    public var tools: [JSONValue]
    public var resources: [JSONValue]
    public var resourceTemplates: [JSONValue]
    public var prompts: [JSONValue]
    /// Items per list page; a longer list is paginated with `nextCursor`.
    public var pageSize: Int

    public init(serverInfo: JSONValue, capabilities: JSONValue? = nil, instructions: String? = nil,
                tools: [JSONValue] = [], resources: [JSONValue] = [], resourceTemplates: [JSONValue] = [],
                prompts: [JSONValue] = [], pageSize: Int = 100) {
        self.serverInfo = serverInfo
        self.instructions = instructions
        self.tools = tools
        self.resources = resources
        self.resourceTemplates = resourceTemplates
        self.prompts = prompts
        self.pageSize = max(1, pageSize)
        self.capabilities = capabilities ?? Self.capabilities(tools: !tools.isEmpty, resources: !resources.isEmpty || !resourceTemplates.isEmpty, prompts: !prompts.isEmpty)
    }

    /// The capabilities a server with these lists announces (`listChanged: false` each).
    public static func capabilities(tools: Bool, resources: Bool, prompts: Bool) -> JSONValue {
        var members: [String: JSONValue] = [:]
        if tools { members["tools"] = ["listChanged": false] }
        if resources { members["resources"] = ["listChanged": false, "subscribe": false] }
        if prompts { members["prompts"] = ["listChanged": false] }
        return .object(members)
    }
}
