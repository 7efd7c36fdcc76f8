/// Where the HTTP transport listens: `HOST:PORT`, port 0 asking the system for a free one.
///
/// ```swift
/// let address = try ListenAddress(parsing: "127.0.0.1:0")
/// // address.host == "127.0.0.1", address.port == 0
/// ```
public struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT` (`[::1]:PORT` for IPv6).
    /// - Throws: ``ServerError`` `.invalidListenAddress` saying what is wrong.
    public init(parsing text: String) throws(ServerError) {
        guard let colon = text.lastIndex(of: ":") else {
            throw ServerError(.invalidListenAddress(text: text, reason: "no port"))
        }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw ServerError(.invalidListenAddress(text: text, reason: "no host")) }
        guard let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            throw ServerError(.invalidListenAddress(text: text, reason: "the port must be a number from 0 to 65535"))
        }
        self.init(host: host, port: port)
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
