import AccordMCP

extension ServerEndpoint {
    /// Values that must never reach a contract whatever they look like: the stdio server's
    /// extra environment, and the headers sent upstream (a bearer header's token too).
    ///
    /// ```swift
    /// ServerEndpoint.http(HTTPConnectionOptions(url: u, headers: [HTTPHeaderField(name: "Authorization", value: "Bearer t0k3n")])).secretValues
    /// // ["Bearer t0k3n", "t0k3n"]
    /// ```
    public var secretValues: [String] {
        switch self {
        case .stdio(let launch):
            return Array(launch.environment.values)
        case .http(let options):
            return options.headers.flatMap { field -> [String] in
                let parts = field.value.split(separator: " ", maxSplits: 1)
                return parts.count == 2 ? [field.value, String(parts[1])] : [field.value]
            }
        }
    }
}
