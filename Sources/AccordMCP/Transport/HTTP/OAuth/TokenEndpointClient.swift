import AccordJSON
import Foundation

/// Requests to an authorization server's token endpoint (RFC 6749 §3.2): every grant goes
/// through ``requestToken(grant:fields:)``, which adds the RFC 8707 `resource`, authenticates
/// the client as the server supports (client_secret_basic, else client_secret_post; a public
/// client sends only its id) and reads the token response.
struct TokenEndpointClient: Sendable {
    let http: OAuthHTTP
    let metadata: AuthorizationServerMetadata
    let client: OAuthClientCredentials
    let resource: String

    func requestToken(fields: [(String, String)]) async throws(MCPError) -> OAuthToken {
        var form = fields + [("resource", resource)]
        var headers: [(String, String)] = []
        switch Self.authentication(for: client, metadata: metadata) {
        case .basic(let value): headers.append(("Authorization", value))
        case .post(let secret): form += [("client_id", client.clientID), ("client_secret", secret)]
        case .none: form += [("client_id", client.clientID)]
        }
        let issuedAt = Date()
        let endpoint = metadata.tokenEndpoint
        let reply = try await http.postForm(endpoint, fields: form, headers: headers)
        guard (200..<300).contains(reply.status) else {
            // RFC 6749 §5.2 error responses carry no secret; their text is the server's.
            let error = reply.json?["error"]?.stringValue
            let description = reply.json?["error_description"]?.stringValue ?? (reply.json == nil ? reply.excerpt : nil)
            throw MCPError(.authorization(.tokenRequestRefused(endpoint: endpoint, status: reply.status, error: error, description: description.map { MCPError.clip($0, 200) })))
        }
        guard let json = reply.json else {
            throw MCPError(.authorization(.invalidTokenResponse(endpoint: endpoint, reason: "the body is not JSON")))
        }
        do throws(OAuthError) {
            return try OAuthToken(response: json, endpoint: endpoint, issuedAt: issuedAt)
        } catch {
            throw MCPError(.authorization(error))
        }
    }

    enum Authentication: Equatable {
        case basic(String)
        case post(String)
        case none
    }

    /// client_secret_basic when the server offers it (RFC 6749 §2.3.1 makes it the default),
    /// client_secret_post when only that is offered; the id and secret are form-encoded
    /// before Base64 for Basic, as §2.3.1 requires.
    static func authentication(for client: OAuthClientCredentials, metadata: AuthorizationServerMetadata) -> Authentication {
        guard let secret = client.secret else { return .none }
        if !metadata.supportsBasicAuthentication, metadata.tokenEndpointAuthMethods.contains("client_secret_post") {
            return .post(secret)
        }
        let pair = OAuthHTTP.percentEncoded(client.clientID) + ":" + OAuthHTTP.percentEncoded(secret)
        return .basic("Basic " + Data(pair.utf8).base64EncodedString())
    }
}
