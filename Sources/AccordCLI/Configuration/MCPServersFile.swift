import AccordYAML
import AccordJSON
import AccordMCP
import Foundation

/// Servers from the ecosystem's `mcpServers` JSON (`.mcp.json`, Claude Desktop's config):
///
/// ```json
/// { "mcpServers": {
///     "time": { "command": "uvx", "args": ["mcp-server-time"], "env": { "TZ": "UTC" } },
///     "remote": { "type": "http", "url": "https://mcp.example.com/mcp", "headers": { "Authorization": "Bearer ${TOKEN}" } } } }
/// ```
public enum MCPServersFile {
    public static func load(_ path: String) throws(InputFileError) -> [ServerDefinition] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputFileError(file: path, reason: FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file")
        }
        let json: JSONValue
        do {
            json = try JSONValue(parsing: Array(data))
        } catch {
            throw InputFileError(file: path, line: error.line, reason: "invalid JSON: \(error.reason) (column \(error.column))")
        }
        guard let servers = json["mcpServers"]?.objectValue else {
            throw InputFileError(file: path, field: "mcpServers", reason: "missing or not an object; expected {\"mcpServers\": {\"name\": {...}}}")
        }
        let base = (path as NSString).deletingLastPathComponent
        var definitions: [ServerDefinition] = []
        for name in JSONEncoding.sortedKeys(servers) {
            guard let entry = servers[name] else { continue }
            let field = "mcpServers.\(name)"
            func strings(_ key: String) throws(InputFileError) -> [String] {
                guard let value = entry[key] else { return [] }
                guard let items = value.arrayValue, items.allSatisfy({ $0.stringValue != nil }) else {
                    throw InputFileError(file: path, field: "\(field).\(key)", reason: "must be a list of strings")
                }
                return items.compactMap(\.stringValue)
            }
            func stringMap(_ key: String) throws(InputFileError) -> [String: String] {
                guard let value = entry[key] else { return [:] }
                guard let members = value.objectValue, members.values.allSatisfy({ $0.stringValue != nil }) else {
                    throw InputFileError(file: path, field: "\(field).\(key)", reason: "must be an object of strings")
                }
                return members.compactMapValues(\.stringValue)
            }
            let connection: ServerDefinition.Connection
            if let command = entry["command"]?.stringValue {
                connection = .stdio(command: command, arguments: try strings("args"), environment: try stringMap("env"), workingDirectory: entry["cwd"]?.stringValue)
            } else if let url = entry["url"]?.stringValue ?? entry["serverUrl"]?.stringValue {
                let transport: HTTPTransportKind = switch entry["type"]?.stringValue ?? entry["transport"]?.stringValue {
                case "sse": .sse
                case "http", "streamable-http", "streamableHttp": .streamableHTTP
                default: .auto
                }
                connection = .http(url: url, headers: try stringMap("headers"), transport: transport, bearerTokenEnvironment: nil)
            } else {
                throw InputFileError(file: path, field: field, reason: "needs \"command\" (stdio) or \"url\" (HTTP)")
            }
            definitions.append(ServerDefinition(name: name, connection: connection, source: path, line: nil, baseFolder: base))
        }
        return definitions
    }
}
