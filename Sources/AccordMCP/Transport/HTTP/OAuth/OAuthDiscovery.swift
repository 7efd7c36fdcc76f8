import AccordJSON
import Foundation

/// Finds how an MCP server is protected, as the MCP authorization spec orders it: the Protected
/// Resource Metadata (RFC 9728) named by the 401 challenge's `resource_metadata`, else at the
/// well-known URLs (path variant first); then the first authorization server's metadata (RFC
/// 8414, falling back to OpenID Connect Discovery, with the path-insertion variants).
///
/// ```swift
/// OAuthDiscovery.protectedResourceCandidates(serverURL: "https://mcp.example/public/mcp", challenge: nil)
/// // ["https://mcp.example/.well-known/oauth-protected-resource/public/mcp",
/// //  "https://mcp.example/.well-known/oauth-protected-resource"]
/// ```
public struct OAuthDiscovery: Sendable {
    /// What discovery found for one server.
    public struct Result: Sendable, Equatable {
        public var resource: ProtectedResourceMetadata
        public var authorizationServer: AuthorizationServerMetadata
        /// The `resource` parameter for token requests (RFC 8707): the server's declared resource
        /// when it covers the server URL, else the canonical server URL.
        public var resourceIndicator: String
    }

    let http: OAuthHTTP

    public static func protectedResourceCandidates(serverURL: String, challenge: AuthenticationChallenge?) -> [String] {
        var candidates: [String] = []
        if let named = challenge?.resourceMetadata, !named.isEmpty { candidates.append(named) }
        guard let (origin, path) = split(serverURL) else { return candidates }
        if !path.isEmpty { candidates.append(origin + "/.well-known/oauth-protected-resource" + path) }
        candidates.append(origin + "/.well-known/oauth-protected-resource")
        return unique(candidates)
    }

    public static func authorizationServerCandidates(issuer: String) -> [String] {
        guard let (origin, path) = split(issuer) else { return [] }
        if path.isEmpty {
            return [origin + "/.well-known/oauth-authorization-server", origin + "/.well-known/openid-configuration"]
        }
        return [
            origin + "/.well-known/oauth-authorization-server" + path,
            origin + "/.well-known/openid-configuration" + path,
            origin + path + "/.well-known/openid-configuration",
        ]
    }

    func discover(serverURL: String, challenge: AuthenticationChallenge?) async throws(MCPError) -> Result {
        let resource = try await firstDocument(
            kind: "Protected Resource Metadata (RFC 9728)",
            candidates: Self.protectedResourceCandidates(serverURL: serverURL, challenge: challenge)
        ) { json, url throws(OAuthError) in
            let metadata = try ProtectedResourceMetadata(json, from: url)
            guard OAuthURLPolicy.resource(metadata.resource, covers: serverURL) else {
                throw OAuthError.invalidMetadata(url: url, field: "resource", reason: "is \(metadata.resource), which does not cover \(serverURL) (RFC 9728 §3.3)")
            }
            return metadata
        }
        let issuer = resource.authorizationServers[0]
        let server = try await firstDocument(
            kind: "authorization server metadata (RFC 8414 / OpenID) for \(issuer)",
            candidates: Self.authorizationServerCandidates(issuer: issuer)
        ) { json, url throws(OAuthError) in
            try AuthorizationServerMetadata(json, from: url, expectedIssuer: issuer)
        }
        return Result(resource: resource, authorizationServer: server, resourceIndicator: OAuthURLPolicy.canonicalResource(resource.resource))
    }

    /// The first candidate answering 200 with a JSON document; a document that fails validation
    /// ends the search (it was found, and it is wrong).
    private func firstDocument<Document>(
        kind: String, candidates: [String], _ read: (JSONValue, String) throws(OAuthError) -> Document
    ) async throws(MCPError) -> Document {
        var problem = "no candidate URL"
        for url in candidates {
            do throws(OAuthError) { _ = try OAuthURLPolicy.require(url, field: "the metadata URL") } catch { throw MCPError(.authorization(error)) }
            let reply: OAuthHTTP.Reply
            do {
                reply = try await http.getJSON(url)
            } catch {
                if case .cancelled = error.kind { throw error }
                problem = error.summary
                continue
            }
            guard reply.status == 200 else { problem = "\(url) answered HTTP \(reply.status)"; continue }
            guard let json = reply.json else { problem = "\(url) did not answer JSON"; continue }
            do throws(OAuthError) { return try read(json, url) } catch { throw MCPError(.authorization(error)) }
        }
        throw MCPError(.authorization(.metadataNotFound(kind: kind, tried: candidates, lastProblem: problem)))
    }

    /// `scheme://host[:port]` and the path without a trailing slash.
    private static func split(_ text: String) -> (String, String)? {
        guard let components = URLComponents(string: text), let scheme = components.scheme, let host = components.host else { return nil }
        let port = components.port.map { ":\($0)" } ?? ""
        var path = components.path
        while path.hasSuffix("/") { path.removeLast() }
        return ("\(scheme)://\(host)\(port)", path)
    }

    private static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}
