import AccordJSON
import AccordMCP

/// Which protocol version a session speaks, from the server's side (PROTOCOL.md, "Versions and
/// eras"): the handshake era answers `initialize` with the requested version when it is one it
/// knows, else its newest handshake-era version; the modern era accepts the version a request's
/// `_meta` names, or refuses with -32022 listing what it supports.
enum VersionNegotiation {
    /// Every version served, oldest first (the same list the client speaks).
    static let supported = ProtocolVersion.supported

    /// The version to answer `initialize` with.
    static func handshake(requested: String?) -> String {
        guard let requested, ProtocolVersion.isSupported(requested), ProtocolVersion.era(of: requested) == .handshake else {
            return ProtocolVersion.latestHandshake
        }
        return requested
    }

    /// Whether a modern-era request may use `requested`; otherwise the -32022 error to send.
    static func modern(requested: String?) -> JSONRPCErrorObject? {
        if let requested, ProtocolVersion.isSupported(requested), ProtocolVersion.era(of: requested) == .modern { return nil }
        let named = requested.map { "protocol version \($0) is not supported" } ?? "the request names no protocol version"
        return JSONRPCErrorObject(
            code: JSONRPCErrorObject.unsupportedProtocolVersion,
            message: "Unsupported protocol version: \(named); supported: \(supported.joined(separator: ", "))",
            data: ["supported": .array(supported.map { .string($0) }), "requested": requested.map { .string($0) } ?? .null])
    }
}
