import Foundation

/// Which URLs Accord sends OAuth credentials to, and the canonical form of a server's URI.
///
/// OAuth 2.1 requires TLS for every endpoint; plain http is accepted only on a loopback host
/// (127.0.0.1, ::1, localhost), where tests and local development run.
///
/// ```swift
/// OAuthURLPolicy.isAcceptable("http://127.0.0.1:9000/token")     // true
/// OAuthURLPolicy.isAcceptable("http://auth.example/token")       // false
/// OAuthURLPolicy.canonicalResource("HTTPS://MCP.Example.com/mcp#x") // "https://mcp.example.com/mcp"
/// ```
public enum OAuthURLPolicy {
    public static func isAcceptable(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased(), !host.isEmpty else { return false }
        if scheme == "https" { return true }
        return scheme == "http" && isLoopback(host)
    }

    public static func isLoopback(_ host: String) -> Bool {
        ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased())
    }

    /// The URL, or `insecureEndpoint` naming `field`.
    static func require(_ text: String, field: String) throws(OAuthError) -> URL {
        guard isAcceptable(text), let url = URL(string: text) else { throw OAuthError.insecureEndpoint(url: text, field: field) }
        return url
    }

    /// The canonical URI of an MCP server (MCP authorization spec, RFC 8707 §2): lowercase
    /// scheme and host, no fragment, no query, no trailing slash after the path.
    public static func canonicalResource(_ text: String) -> String {
        guard var components = URLComponents(string: text) else { return text }
        components.scheme = components.scheme?.lowercased()
        components.host = components.host?.lowercased()
        components.fragment = nil
        components.query = nil
        if components.path.hasSuffix("/") { components.path.removeLast() }
        return components.string ?? text
    }

    /// Whether the resource a server's metadata declares covers `serverURL`: the same origin,
    /// and its path equal to or a parent of the server's (RFC 9728 §3.3, as the MCP SDKs check).
    static func resource(_ declared: String, covers serverURL: String) -> Bool {
        guard let resource = URL(string: canonicalResource(declared)), let server = URL(string: canonicalResource(serverURL)),
              HTTPExchange.sameOrigin(resource, server) else { return false }
        let parent = resource.path.hasSuffix("/") ? resource.path : resource.path + "/"
        return resource.path.isEmpty || server.path == resource.path || server.path.hasPrefix(parent)
    }
}
