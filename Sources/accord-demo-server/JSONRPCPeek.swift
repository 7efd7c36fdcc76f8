import Foundation
import MCP

/// Reads just enough of a JSON-RPC message to route it without decoding it: tells requests and
/// replies apart, matches them by id, and spots the `initialize` request that opens an HTTP
/// session. A message that is not a JSON object (a batch, or garbage) yields nil or false.
enum JSONRPCPeek {
    private struct Envelope: Decodable {
        var id: Value?
        var method: String?
        var result: Value?
        var error: Value?
    }

    /// The id of a request (a message with a `method` and an id), as a key.
    static func requestID(in data: Data) -> String? {
        guard let envelope = decode(data), envelope.method != nil else { return nil }
        return key(envelope.id)
    }

    /// The id of a reply (a `result` or an `error` without a `method`), as a key.
    static func replyID(in data: Data) -> String? {
        guard let envelope = decode(data), envelope.method == nil, envelope.result != nil || envelope.error != nil else {
            return nil
        }
        return key(envelope.id)
    }

    /// Whether the message is an `initialize` request (with an id: a notification named
    /// `initialize` opens nothing).
    static func isInitializeRequest(_ data: Data) -> Bool {
        guard let envelope = decode(data) else { return false }
        return envelope.method == "initialize" && key(envelope.id) != nil
    }

    private static func decode(_ data: Data) -> Envelope? {
        try? JSONDecoder().decode(Envelope.self, from: data)
    }

    /// Strings and integers are distinct ids in JSON-RPC ("1" is not 1), so the key keeps the kind.
    private static func key(_ id: Value?) -> String? {
        switch id {
        case .string(let text)?: return "s:\(text)"
        case .int(let number)?: return "n:\(number)"
        default: return nil
        }
    }
}
