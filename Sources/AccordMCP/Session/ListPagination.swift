import AccordJSON

extension MCPSession {
    /// Calls a list method (`tools/list`, `resources/list`, `resources/templates/list`,
    /// `prompts/list`) and follows `nextCursor` to the end, returning the items in served order.
    ///
    /// - Throws: ``MCPError`` `.protocolViolation` when a cursor repeats (the server would loop
    ///   forever) or the result lacks the `itemsKey` array; `.tooManyItems` past the cap.
    public func listAll(_ method: String, itemsKey: String) async throws(MCPError) -> [JSONValue] {
        var items: [JSONValue] = []
        var seenCursors: Set<String> = []
        var cursor: String?
        repeat {
            let params: JSONValue? = cursor.map { ["cursor": .string($0)] }
            let page = try await request(method, params: params)
            guard let pageItems = page[itemsKey]?.arrayValue else {
                throw MCPError(.protocolViolation("the \(method) result has no \"\(itemsKey)\" array"))
            }
            items.append(contentsOf: pageItems)
            if items.count > options.maximumListItems {
                throw MCPError(.tooManyItems(list: method, cap: options.maximumListItems))
            }
            cursor = page["nextCursor"]?.stringValue
            if let next = cursor, !seenCursors.insert(next).inserted {
                throw MCPError(.protocolViolation("\(method) returned the cursor \"\(MCPError.clip(next, 80))\" twice; following it would loop forever"))
            }
        } while cursor != nil
        return items
    }
}
