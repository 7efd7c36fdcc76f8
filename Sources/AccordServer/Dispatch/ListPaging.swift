import AccordJSON
import AccordMCP

/// Cursor pagination of a list method: the cursor is the offset of the next page as opaque
/// text; a cursor this server never handed out is refused with -32602.
enum ListPaging {
    static func page(_ items: [JSONValue], key: String, cursor: JSONValue?, size: Int) -> Result<JSONValue, ListCursorError> {
        var start = 0
        if let cursor, !cursor.isNull {
            guard let text = cursor.stringValue, text.hasPrefix("offset:"), let offset = Int(text.dropFirst(7)), (0...items.count).contains(offset) else {
                return .failure(ListCursorError(cursor: cursor))
            }
            start = offset
        }
        let end = min(items.count, start + size)
        var result: [String: JSONValue] = [key: .array(Array(items[start..<end]))]
        if end < items.count { result["nextCursor"] = .string("offset:\(end)") }
        return .success(.object(result))
    }
}

/// A list cursor this server did not hand out.
struct ListCursorError: Error {
    let cursor: JSONValue

    var rpcError: JSONRPCErrorObject {
        JSONRPCErrorObject(code: JSONRPCErrorObject.invalidParams, message: "Invalid params: unknown cursor \(JSONEncoding.compact(cursor))")
    }
}
