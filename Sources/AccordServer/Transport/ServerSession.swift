import AccordJSON
import AccordMCP
import NIOConcurrencyHelpers

/// One client's conversation with the server: the stdio connection, one `Mcp-Session-Id` over
/// Streamable HTTP, or — in the stateless modern era — a single HTTP request.
///
/// The transport creates it; the message handler records what the handshake settled
/// (``protocolVersion``, ``clientInfo``) so later requests of the session can read it.
///
/// ```swift
/// session.negotiated(version: "2025-06-18", clientInfo: params["clientInfo"])
/// session.era   // .handshake
/// ```
public final class ServerSession: Sendable {
    /// How the client reaches the server.
    public enum Transport: String, Sendable, Equatable {
        case stdio
        case http
    }

    /// The `Mcp-Session-Id`, or `nil` on stdio and for stateless modern-era HTTP requests.
    public let id: String?
    public let transport: Transport

    private struct State {
        var protocolVersion: String?
        var clientInfo: JSONValue?
    }

    private let state = NIOLockedValueBox(State())

    public init(id: String?, transport: Transport) {
        self.id = id
        self.transport = transport
    }

    /// The version the handshake (or the modern `_meta`) settled on; `nil` before it.
    public var protocolVersion: String? { state.withLockedValue { $0.protocolVersion } }

    /// The era of ``protocolVersion`` (handshake until something else was negotiated).
    public var era: ProtocolEra { protocolVersion.map(ProtocolVersion.era(of:)) ?? .handshake }

    /// `clientInfo` as the client sent it (`initialize` params or the modern `_meta`).
    public var clientInfo: JSONValue? { state.withLockedValue { $0.clientInfo } }

    /// Records what the handshake (or a modern request) settled.
    public func negotiated(version: String, clientInfo: JSONValue?) {
        state.withLockedValue { state in
            state.protocolVersion = version
            if let clientInfo { state.clientInfo = clientInfo }
        }
    }
}
