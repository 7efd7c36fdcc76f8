import AccordContracts

/// One fixed, valid value per `$format`, chosen to look like data and to be recognisable as
/// a mock's (RFC 2606 / 5737 documentation names and addresses).
public enum FormatSample {
    public static func value(_ format: Matcher.StringFormat) -> String {
        switch format {
        case .dateTime: "2025-03-15T09:30:00Z"
        case .date: "2025-03-15"
        case .uuid: "3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f"
        case .uri: "https://example.com/accord-mock"
        case .email: "consumer@example.com"
        }
    }

    /// Values for formats an outputSchema may name that `$format` does not (`ipv4`, `time` …),
    /// used when the reply is completed from the schema.
    static let schemaFormats: [String: String] = [
        "date-time": value(.dateTime), "date": value(.date), "uuid": value(.uuid), "uri": value(.uri), "email": value(.email),
        "time": "09:30:00Z", "ipv4": "192.0.2.1", "ipv6": "2001:db8::1", "hostname": "mock.example.com",
        "uri-reference": "/accord-mock", "iri": value(.uri),
    ]
}
