import AccordJSON
import AccordMCP

/// Answers the calls of an MCP server — `tools/call`, `resources/read`, `prompts/get` — for
/// ``MCPServerDispatcher``, which handles everything else (handshake, ping, lists).
///
/// ```swift
/// struct Constant: MCPCallHandler {
///     func handle(_ call: MCPCall) async -> MCPCallOutcome {
///         .result(["content": [["type": "text", "text": "hello"]], "isError": false])
///     }
/// }
/// ```
public protocol MCPCallHandler: Sendable {
    func handle(_ call: MCPCall) async -> MCPCallOutcome

    /// A request for a method the dispatcher does not serve; it is answered -32601. Default:
    /// nothing (a mock records it as unexpected).
    func unhandled(method: String, params: JSONValue?, session: ServerSession) async
}

extension MCPCallHandler {
    public func unhandled(method: String, params: JSONValue?, session: ServerSession) async {}
}

/// One call, read from its JSON-RPC params.
public struct MCPCall: Sendable {
    public enum Target: Sendable, Equatable {
        case callTool(name: String, arguments: JSONValue)
        case readResource(uri: String)
        case getPrompt(name: String, arguments: JSONValue)

        /// The MCP method.
        public var method: String {
            switch self {
            case .callTool: "tools/call"
            case .readResource: "resources/read"
            case .getPrompt: "prompts/get"
            }
        }

        /// The tool or prompt name, or the resource URI.
        public var name: String {
            switch self {
            case .callTool(let name, _), .getPrompt(let name, _): name
            case .readResource(let uri): uri
            }
        }
    }

    public var target: Target
    /// The params exactly as sent.
    public var params: JSONValue
    public var session: ServerSession

    /// `params._meta`, if any.
    public var meta: JSONValue? { params["_meta"] }

    public init(target: Target, params: JSONValue, session: ServerSession) {
        self.target = target
        self.params = params
        self.session = session
    }

    /// Reads `method`'s params: `nil` for methods that are not calls, a -32602 error when a
    /// required param is missing.
    static func read(method: String, params: JSONValue?, session: ServerSession) -> Reading? {
        let params = params ?? .object([:])
        func required(_ key: String) -> String? { params[key]?.stringValue }
        let target: Target?
        switch method {
        case "tools/call": target = required("name").map { .callTool(name: $0, arguments: params["arguments"] ?? .object([:])) }
        case "resources/read": target = required("uri").map { .readResource(uri: $0) }
        case "prompts/get": target = required("name").map { .getPrompt(name: $0, arguments: params["arguments"] ?? .object([:])) }
        default: return nil
        }
        guard let target else {
            let key = method == "resources/read" ? "uri" : "name"
            return .invalid(JSONRPCErrorObject(code: JSONRPCErrorObject.invalidParams, message: "\(method) needs params.\(key) (a string)"))
        }
        return .call(MCPCall(target: target, params: params, session: session))
    }

    enum Reading {
        case call(MCPCall)
        case invalid(JSONRPCErrorObject)
    }
}

/// A call's answer: a result object, or a JSON-RPC error.
public enum MCPCallOutcome: Sendable, Equatable {
    case result(JSONValue)
    case error(JSONRPCErrorObject)
}
