import AccordJSON
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Tokens kept between runs, only when the user asks (`--token-cache FILE`): a JSON file of mode
/// 0600, written atomically (a temporary file beside it, then `rename`), keyed by issuer,
/// resource and client. A file that group or others may read is refused, not used.
///
/// ```swift
/// let cache = OAuthTokenCache(path: ".accord/tokens.json")
/// try cache.store(OAuthTokenCache.Entry(key: key, token: token, registeredClient: false))
/// try cache.entry(for: key)?.token
/// ```
public struct OAuthTokenCache: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// Which tokens an entry holds: those one client got from one issuer for one resource.
    public struct Key: Sendable, Hashable {
        public var issuer: String
        public var resource: String
        public var clientID: String

        public init(issuer: String, resource: String, clientID: String) {
            self.issuer = issuer
            self.resource = resource
            self.clientID = clientID
        }
    }

    public struct Entry: Sendable, Equatable {
        public var key: Key
        public var token: OAuthToken
        /// The client was registered by Accord (RFC 7591): reusable when no client id is given.
        public var registeredClient: Bool
    }

    static let format = "accord-token-cache/1"

    public func entries() throws(OAuthError) -> [Entry] {
        var status = stat()
        guard stat(path, &status) == 0 else {
            if errno == ENOENT { return [] }
            throw OAuthError.tokenCacheUnusable(path: path, reason: String(cString: strerror(errno)))
        }
        let permissions = Int(status.st_mode) & 0o777
        guard permissions & 0o077 == 0 else {
            throw OAuthError.tokenCacheExposed(path: path, mode: String(permissions, radix: 8))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw OAuthError.tokenCacheUnusable(path: path, reason: "it cannot be read")
        }
        guard let json = try? JSONValue(parsing: Array(data)), json["format"]?.stringValue == Self.format, let items = json["entries"]?.arrayValue else {
            throw OAuthError.tokenCacheUnusable(path: path, reason: "it is not an Accord token cache (\(Self.format))")
        }
        return items.compactMap(Self.entry(from:))
    }

    /// The entry for `key`; with `registeredOnly`, the key's client id is ignored and any client
    /// Accord registered for that issuer and resource matches.
    public func entry(for key: Key, registeredOnly: Bool = false) throws(OAuthError) -> Entry? {
        try entries().last { entry in
            entry.key.issuer == key.issuer && entry.key.resource == key.resource
                && (registeredOnly ? entry.registeredClient : entry.key.clientID == key.clientID)
        }
    }

    /// Adds or replaces the entry for its key.
    public func store(_ entry: Entry) throws(OAuthError) {
        var all = try entries().filter { $0.key != entry.key }
        all.append(entry)
        let document: JSONValue = .object(["format": .string(Self.format), "entries": .array(all.map(Self.json(for:)))])
        try writeAtomically(Array(JSONEncoding.canonical(document).utf8) + [0x0A])
    }

    private func writeAtomically(_ bytes: [UInt8]) throws(OAuthError) {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]) } catch {
                throw OAuthError.tokenCacheUnusable(path: path, reason: "its folder cannot be created")
            }
        }
        let temporary = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw OAuthError.tokenCacheUnusable(path: path, reason: "cannot create \(temporary): \(String(cString: strerror(errno)))") }
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written == bytes.count, synced, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw OAuthError.tokenCacheUnusable(path: path, reason: "it could not be written")
        }
    }

    private static func json(for entry: Entry) -> JSONValue {
        var object: [String: JSONValue] = [
            "issuer": .string(entry.key.issuer),
            "resource": .string(entry.key.resource),
            "client_id": .string(entry.key.clientID),
            "registered_client": .bool(entry.registeredClient),
            "access_token": .string(entry.token.accessToken),
        ]
        if let refresh = entry.token.refreshToken { object["refresh_token"] = .string(refresh) }
        if let expiresAt = entry.token.expiresAt { object["expires_at"] = .number(JSONNumber(expiresAt.timeIntervalSince1970.rounded())) }
        if let scope = entry.token.scope { object["scope"] = .string(scope) }
        if let issuedAt = entry.token.issuedAt { object["issued_at"] = .number(JSONNumber(issuedAt.timeIntervalSince1970.rounded())) }
        return .object(object)
    }

    private static func entry(from json: JSONValue) -> Entry? {
        guard let issuer = json["issuer"]?.stringValue, let resource = json["resource"]?.stringValue,
              let clientID = json["client_id"]?.stringValue, let access = json["access_token"]?.stringValue else { return nil }
        let token = OAuthToken(
            accessToken: access, refreshToken: json["refresh_token"]?.stringValue,
            expiresAt: json["expires_at"]?.doubleValue.map { Date(timeIntervalSince1970: $0) },
            scope: json["scope"]?.stringValue,
            issuedAt: json["issued_at"]?.doubleValue.map { Date(timeIntervalSince1970: $0) }
        )
        return Entry(key: Key(issuer: issuer, resource: resource, clientID: clientID), token: token, registeredClient: json["registered_client"] == .bool(true))
    }
}
