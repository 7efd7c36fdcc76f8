import AccordJSON

/// Dynamic client registration (RFC 7591) of a public client for the authorization-code flow:
/// Accord registers itself with the loopback redirect URI it listens on and
/// `token_endpoint_auth_method: none` (it has nowhere safe to keep a secret).
struct DynamicClientRegistration: Sendable {
    let http: OAuthHTTP

    func register(at endpoint: String, redirectURI: String, scope: String?) async throws(MCPError) -> OAuthClientCredentials {
        var body: [String: JSONValue] = [
            "client_name": "Accord",
            "redirect_uris": .array([.string(redirectURI)]),
            "grant_types": .array(["authorization_code", "refresh_token"]),
            "response_types": .array(["code"]),
            "token_endpoint_auth_method": "none",
        ]
        if let scope { body["scope"] = .string(scope) }
        let reply = try await http.postJSON(endpoint, body: .object(body))
        guard (200..<300).contains(reply.status) else {
            let detail = [reply.json?["error"]?.stringValue, reply.json?["error_description"]?.stringValue].compactMap { $0 }.joined(separator: ": ")
            throw MCPError(.authorization(.registrationRefused(endpoint: endpoint, status: reply.status, detail: MCPError.clip(detail.isEmpty ? reply.excerpt : detail, 200))))
        }
        guard let clientID = reply.json?["client_id"]?.stringValue, !clientID.isEmpty else {
            throw MCPError(.authorization(.registrationRefused(endpoint: endpoint, status: reply.status, detail: "the reply has no client_id")))
        }
        // The method the server settled on decides: a secret is used only when it is not "none".
        let method = reply.json?["token_endpoint_auth_method"]?.stringValue ?? "none"
        return OAuthClientCredentials(clientID: clientID, secret: method == "none" ? nil : reply.json?["client_secret"]?.stringValue)
    }
}
