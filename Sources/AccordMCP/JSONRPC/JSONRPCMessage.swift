import AccordJSON

/// The error object of a JSON-RPC 2.0 error response. `data` may be any JSON value: the Python
/// SDK sends a string for -32601, others objects.
public struct JSONRPCErrorObject: Sendable, Equatable {
    public var code: Int
    public var message: String
    public var data: JSONValue?

    public init(code: Int, message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    public static let methodNotFound = -32601
    public static let invalidParams = -32602
    public static let internalError = -32603
    public static let parseError = -32700
    public static let invalidRequest = -32600
    /// 2026-07-28: the requested protocol version is not supported; `data.supported` lists others.
    public static let unsupportedProtocolVersion = -32022
    /// 2026-07-28: an HTTP header disagrees with the message body.
    public static let headerMismatch = -32020
    /// 2026-07-28: the request needs a client capability that was not declared.
    public static let missingClientCapability = -32021

    var json: JSONValue {
        var members: [String: JSONValue] = ["code": .number(JSONNumber(code)), "message": .string(message)]
        if let data { members["data"] = data }
        return .object(members)
    }
}

/// One JSON-RPC 2.0 message, classified by shape.
public enum JSONRPCMessage: Sendable, Equatable {
    case request(id: JSONValue, method: String, params: JSONValue?)
    case notification(method: String, params: JSONValue?)
    case response(id: JSONValue, result: JSONValue)
    /// `id` is `nil` when the server sent `"id": null` (it could not tell which request failed).
    case errorResponse(id: JSONValue?, error: JSONRPCErrorObject)

    /// Classifies a decoded JSON value.
    /// - Throws: ``MCPError`` `.invalidMessage` when the value is not a JSON-RPC 2.0 message.
    public init(_ value: JSONValue) throws(MCPError) {
        guard case .object(let members) = value else {
            throw MCPError(.invalidMessage(reason: "expected a JSON object", excerpt: MCPError.clip(value.description, 200)))
        }
        let id = members["id"]
        if let method = members["method"] {
            guard let name = method.stringValue else {
                throw MCPError(.invalidMessage(reason: "\"method\" is not a string", excerpt: MCPError.clip(value.description, 200)))
            }
            if let id, !id.isNull {
                self = .request(id: id, method: name, params: members["params"])
            } else {
                self = .notification(method: name, params: members["params"])
            }
        } else if let error = members["error"] {
            guard let code = error["code"]?.numberValue.flatMap({ Int(exactly: $0.doubleValue) }) else {
                throw MCPError(.invalidMessage(reason: "error response without an integer \"code\"", excerpt: MCPError.clip(value.description, 200)))
            }
            let message = error["message"]?.stringValue ?? ""
            self = .errorResponse(id: (id?.isNull ?? true) ? nil : id, error: JSONRPCErrorObject(code: code, message: message, data: error["data"]))
        } else if let result = members["result"], let id, !id.isNull {
            self = .response(id: id, result: result)
        } else {
            throw MCPError(.invalidMessage(reason: "neither a request, a notification nor a response", excerpt: MCPError.clip(value.description, 200)))
        }
    }

    /// The wire form of this message.
    public var json: JSONValue {
        var members: [String: JSONValue] = ["jsonrpc": "2.0"]
        switch self {
        case .request(let id, let method, let params):
            members["id"] = id
            members["method"] = .string(method)
            members["params"] = params
        case .notification(let method, let params):
            members["method"] = .string(method)
            members["params"] = params
        case .response(let id, let result):
            members["id"] = id
            members["result"] = result
        case .errorResponse(let id, let error):
            members["id"] = id ?? .null
            members["error"] = error.json
        }
        return .object(members)
    }
}
