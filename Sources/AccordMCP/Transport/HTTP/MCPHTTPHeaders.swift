import AccordJSON
import Foundation

/// The headers Accord sends with each HTTP request to an MCP server, decided from the message
/// alone so the rules can be tested without a network.
///
/// Order: the user's custom headers first, then Accord's protocol headers, which replace any
/// custom header of the same name (a custom `Accept` would only earn a 406).
enum MCPHTTPHeaders {
    static let sessionID = "Mcp-Session-Id"
    static let protocolVersion = "MCP-Protocol-Version"
    static let method = "Mcp-Method"
    static let name = "Mcp-Name"
    static let contentType = "Content-Type"
    static let accept = "Accept"
    static let lastEventID = "Last-Event-ID"
    /// The prefix of the headers that mirror tool arguments declared with `x-mcp-header`.
    static let parameterPrefix = "Mcp-Param-"

    /// The `_meta` key that carries the protocol version of a modern-era (2026-07-28) request.
    static let metaProtocolVersionKey = "io.modelcontextprotocol/protocolVersion"
    /// The first version whose HTTP transport requires `MCP-Protocol-Version` after initialize.
    static let firstVersionWithHeader = "2025-06-18"

    /// Headers for POSTing `message` over Streamable HTTP.
    /// - Parameters:
    ///   - sessionID: the `Mcp-Session-Id` the server handed out, if any.
    ///   - negotiatedVersion: the version the handshake settled on (``MCPTransport/useProtocolVersion(_:)``).
    ///   - parameters: `Mcp-Param-*` headers for a modern-era `tools/call` (``ToolParameterHeaders``).
    static func streamablePost(
        for message: JSONValue,
        custom: [HTTPHeaderField],
        sessionID: String?,
        negotiatedVersion: String?,
        parameters: [HTTPHeaderField] = []
    ) -> [HTTPHeaderField] {
        var own = [
            HTTPHeaderField(name: contentType, value: "application/json"),
            HTTPHeaderField(name: accept, value: "application/json, text/event-stream"),
        ]
        if let sessionID { own.append(HTTPHeaderField(name: Self.sessionID, value: sessionID)) }
        own += versionHeaders(for: message, negotiatedVersion: negotiatedVersion)
        own += parameters
        return merge(custom: custom, own: own)
    }

    /// Headers for a GET of the endpoint's SSE stream (2025-03-26 … 2025-11-25): the standalone
    /// stream for server-initiated messages, or, with `lastEventID`, the resumption of a cut
    /// reply stream.
    static func streamableGet(custom: [HTTPHeaderField], sessionID: String?, negotiatedVersion: String?, lastEventID: String? = nil) -> [HTTPHeaderField] {
        var own = [HTTPHeaderField(name: accept, value: "text/event-stream")]
        if let lastEventID { own.append(HTTPHeaderField(name: Self.lastEventID, value: lastEventID)) }
        if let sessionID { own.append(HTTPHeaderField(name: Self.sessionID, value: sessionID)) }
        if let negotiatedVersion, negotiatedVersion >= firstVersionWithHeader {
            own.append(HTTPHeaderField(name: protocolVersion, value: negotiatedVersion))
        }
        return merge(custom: custom, own: own)
    }

    /// Headers for the `DELETE` that ends a Streamable HTTP session.
    static func sessionDelete(custom: [HTTPHeaderField], sessionID: String, negotiatedVersion: String?) -> [HTTPHeaderField] {
        merge(custom: custom, own: sessionFields(sessionID: sessionID, negotiatedVersion: negotiatedVersion))
    }

    /// Headers for the GET that opens a Streamable HTTP session's stream of server-initiated messages.
    static func serverStream(custom: [HTTPHeaderField], sessionID: String?, negotiatedVersion: String?) -> [HTTPHeaderField] {
        merge(custom: custom, own: [HTTPHeaderField(name: accept, value: "text/event-stream")]
            + sessionFields(sessionID: sessionID, negotiatedVersion: negotiatedVersion))
    }

    /// `Mcp-Session-Id` and, from 2025-06-18 on, `MCP-Protocol-Version`: what a request outside
    /// a POSTed message names its session by.
    private static func sessionFields(sessionID: String?, negotiatedVersion: String?) -> [HTTPHeaderField] {
        var fields: [HTTPHeaderField] = []
        if let sessionID { fields.append(HTTPHeaderField(name: Self.sessionID, value: sessionID)) }
        if let negotiatedVersion, negotiatedVersion >= firstVersionWithHeader {
            fields.append(HTTPHeaderField(name: protocolVersion, value: negotiatedVersion))
        }
        return fields
    }

    /// Headers for the long-lived GET of the legacy HTTP+SSE transport.
    static func legacyStream(custom: [HTTPHeaderField]) -> [HTTPHeaderField] {
        merge(custom: custom, own: [
            HTTPHeaderField(name: accept, value: "text/event-stream"),
            HTTPHeaderField(name: "Cache-Control", value: "no-cache"),
        ])
    }

    /// Headers for POSTing a message to the legacy transport's `endpoint` URL.
    static func legacyPost(custom: [HTTPHeaderField]) -> [HTTPHeaderField] {
        merge(custom: custom, own: [
            HTTPHeaderField(name: contentType, value: "application/json"),
            HTTPHeaderField(name: accept, value: "application/json, text/event-stream"),
        ])
    }

    /// `MCP-Protocol-Version` (plus `Mcp-Method`/`Mcp-Name` in the modern era) for one message.
    ///
    /// A modern-era request names its version in `params._meta`; the headers must repeat it or
    /// the server answers 400 with -32020. Handshake-era messages carry the negotiated version,
    /// but only from 2025-06-18 on: older servers never asked for the header. ISO dates compare
    /// correctly as strings.
    static func versionHeaders(for message: JSONValue, negotiatedVersion: String?) -> [HTTPHeaderField] {
        if let modern = message["params"]?["_meta"]?[metaProtocolVersionKey]?.stringValue {
            var fields = [HTTPHeaderField(name: protocolVersion, value: modern)]
            if let methodName = message["method"]?.stringValue {
                fields.append(HTTPHeaderField(name: method, value: methodName))
                if let target = nameHeaderValue(method: methodName, params: message["params"]) {
                    fields.append(HTTPHeaderField(name: name, value: encodedValue(target)))
                }
            }
            return fields
        }
        if let negotiatedVersion, negotiatedVersion >= firstVersionWithHeader {
            return [HTTPHeaderField(name: protocolVersion, value: negotiatedVersion)]
        }
        return []
    }

    /// The `Mcp-Name` value: the tool or prompt name, or the resource URI being read.
    static func nameHeaderValue(method: String, params: JSONValue?) -> String? {
        switch method {
        case "tools/call", "prompts/get": params?["name"]?.stringValue
        case "resources/read": params?["uri"]?.stringValue
        default: nil
        }
    }

    /// `value` as it can travel in an HTTP field: printable ASCII without edge spaces passes
    /// verbatim; anything else (non-ASCII, control characters, edge spaces, or text that already
    /// looks like the wrapper) becomes `=?base64?<UTF-8 as base64>?=`, which servers decode
    /// before comparing with the body.
    static func encodedValue(_ value: String) -> String {
        let printable = value.utf8.allSatisfy { (0x20...0x7E).contains($0) }
        let looksWrapped = value.hasPrefix("=?base64?") && value.hasSuffix("?=") && value.utf8.count >= 11
        if printable, value.first != " ", value.last != " ", !looksWrapped { return value }
        return "=?base64?" + Data(value.utf8).base64EncodedString() + "?="
    }

    /// Whether `message` is a modern-era (2026-07-28) request: its `_meta` names the version.
    static func isModern(_ message: JSONValue) -> Bool {
        message["params"]?["_meta"]?[metaProtocolVersionKey]?.stringValue != nil
    }

    /// Printable ASCII only: safe to send back verbatim in a header (an SSE event id).
    static func isHeaderSafe(_ value: String) -> Bool {
        !value.isEmpty && value.utf8.count <= 1024 && value.utf8.allSatisfy { (0x20...0x7E).contains($0) }
    }

    /// Custom headers, minus those Accord sets itself, followed by Accord's own.
    static func merge(custom: [HTTPHeaderField], own: [HTTPHeaderField]) -> [HTTPHeaderField] {
        let ownNames = Set(own.map { $0.name.lowercased() })
        return custom.filter { !ownNames.contains($0.name.lowercased()) } + own
    }
}
