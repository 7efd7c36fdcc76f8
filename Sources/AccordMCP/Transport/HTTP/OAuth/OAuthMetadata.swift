import AccordJSON

/// Protected Resource Metadata (RFC 9728 §2): what an MCP server says about its own protection.
///
/// ```swift
/// let metadata = try ProtectedResourceMetadata(json, from: "http://127.0.0.1:8000/.well-known/oauth-protected-resource/mcp")
/// metadata.authorizationServers.first   // "http://127.0.0.1:9000"
/// ```
public struct ProtectedResourceMetadata: Sendable, Equatable {
    /// The resource identifier the server declares (its canonical URI).
    public var resource: String
    public var authorizationServers: [String]
    public var scopesSupported: [String]

    public init(resource: String, authorizationServers: [String], scopesSupported: [String] = []) {
        self.resource = resource
        self.authorizationServers = authorizationServers
        self.scopesSupported = scopesSupported
    }

    /// Reads and validates the document fetched from `url`.
    public init(_ json: JSONValue, from url: String) throws(OAuthError) {
        guard json.objectValue != nil else { throw OAuthError.invalidMetadata(url: url, field: "the document", reason: "is not a JSON object") }
        guard let resource = json["resource"]?.stringValue, !resource.isEmpty else {
            throw OAuthError.invalidMetadata(url: url, field: "resource", reason: "is missing (RFC 9728 §2 requires it)")
        }
        guard let servers = json["authorization_servers"]?.arrayValue, !servers.isEmpty else {
            throw OAuthError.invalidMetadata(url: url, field: "authorization_servers", reason: "is missing or empty: the server names no authorization server")
        }
        var names: [String] = []
        for (index, server) in servers.enumerated() {
            guard let name = server.stringValue else {
                throw OAuthError.invalidMetadata(url: url, field: "authorization_servers[\(index)]", reason: "is not a string")
            }
            _ = try OAuthURLPolicy.require(name, field: "authorization_servers[\(index)]")
            names.append(name)
        }
        self.init(resource: resource, authorizationServers: names, scopesSupported: try Self.strings(json, "scopes_supported", url: url))
    }

    static func strings(_ json: JSONValue, _ field: String, url: String) throws(OAuthError) -> [String] {
        guard let value = json[field], value != .null else { return [] }
        guard let items = value.arrayValue else { throw OAuthError.invalidMetadata(url: url, field: field, reason: "is not an array of strings") }
        var strings: [String] = []
        for item in items {
            guard let text = item.stringValue else { throw OAuthError.invalidMetadata(url: url, field: field, reason: "is not an array of strings") }
            strings.append(text)
        }
        return strings
    }
}

/// Authorization Server Metadata (RFC 8414 §2, or OpenID Connect Discovery): where an
/// authorization server's endpoints are and what it supports.
///
/// ```swift
/// let metadata = try AuthorizationServerMetadata(json, from: url, expectedIssuer: "http://127.0.0.1:9000")
/// metadata.tokenEndpoint   // "http://127.0.0.1:9000/token"
/// ```
public struct AuthorizationServerMetadata: Sendable, Equatable {
    public var issuer: String
    public var tokenEndpoint: String
    public var authorizationEndpoint: String?
    public var registrationEndpoint: String?
    public var tokenEndpointAuthMethods: [String]
    public var grantTypes: [String]
    public var codeChallengeMethods: [String]
    public var scopesSupported: [String]

    public init(
        issuer: String, tokenEndpoint: String, authorizationEndpoint: String? = nil, registrationEndpoint: String? = nil,
        tokenEndpointAuthMethods: [String] = [], grantTypes: [String] = [], codeChallengeMethods: [String] = [], scopesSupported: [String] = []
    ) {
        self.issuer = issuer
        self.tokenEndpoint = tokenEndpoint
        self.authorizationEndpoint = authorizationEndpoint
        self.registrationEndpoint = registrationEndpoint
        self.tokenEndpointAuthMethods = tokenEndpointAuthMethods
        self.grantTypes = grantTypes
        self.codeChallengeMethods = codeChallengeMethods
        self.scopesSupported = scopesSupported
    }

    /// Reads and validates the document fetched from `url`: `issuer` must equal the issuer it
    /// was looked up for (RFC 8414 §3.3, a guard against mix-up attacks) and every endpoint must
    /// pass ``OAuthURLPolicy``.
    public init(_ json: JSONValue, from url: String, expectedIssuer: String) throws(OAuthError) {
        guard json.objectValue != nil else { throw OAuthError.invalidMetadata(url: url, field: "the document", reason: "is not a JSON object") }
        guard let issuer = json["issuer"]?.stringValue, !issuer.isEmpty else {
            throw OAuthError.invalidMetadata(url: url, field: "issuer", reason: "is missing")
        }
        guard Self.sameIssuer(issuer, expectedIssuer) else {
            throw OAuthError.invalidMetadata(url: url, field: "issuer", reason: "is \(issuer), not \(expectedIssuer) as the protected resource names it (RFC 8414 §3.3)")
        }
        guard let token = json["token_endpoint"]?.stringValue, !token.isEmpty else {
            throw OAuthError.invalidMetadata(url: url, field: "token_endpoint", reason: "is missing")
        }
        _ = try OAuthURLPolicy.require(token, field: "token_endpoint")
        let authorization = try Self.endpoint(json, "authorization_endpoint")
        let registration = try Self.endpoint(json, "registration_endpoint")
        self.init(
            issuer: issuer, tokenEndpoint: token, authorizationEndpoint: authorization, registrationEndpoint: registration,
            tokenEndpointAuthMethods: try ProtectedResourceMetadata.strings(json, "token_endpoint_auth_methods_supported", url: url),
            grantTypes: try ProtectedResourceMetadata.strings(json, "grant_types_supported", url: url),
            codeChallengeMethods: try ProtectedResourceMetadata.strings(json, "code_challenge_methods_supported", url: url),
            scopesSupported: try ProtectedResourceMetadata.strings(json, "scopes_supported", url: url)
        )
    }

    /// RFC 8414 §2: without `token_endpoint_auth_methods_supported` the default is client_secret_basic.
    public var supportsBasicAuthentication: Bool {
        tokenEndpointAuthMethods.isEmpty || tokenEndpointAuthMethods.contains("client_secret_basic")
    }

    private static func endpoint(_ json: JSONValue, _ field: String) throws(OAuthError) -> String? {
        guard let text = json[field]?.stringValue, !text.isEmpty else { return nil }
        _ = try OAuthURLPolicy.require(text, field: field)
        return text
    }

    /// Issuers compare as strings; a trailing slash alone is forgiven (pydantic adds one).
    static func sameIssuer(_ lhs: String, _ rhs: String) -> Bool {
        func trimmed(_ text: String) -> String { text.hasSuffix("/") ? String(text.dropLast()) : text }
        return trimmed(lhs) == trimmed(rhs)
    }
}
