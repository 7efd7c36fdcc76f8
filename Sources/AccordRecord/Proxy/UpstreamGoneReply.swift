import AccordJSON
import AccordMCP

/// The JSON-RPC error the proxy answers a request with when the upstream server is gone.
enum UpstreamGoneReply {
    static let code = JSONRPCErrorObject.internalError

    static func line(id: JSONValue, status: String) -> [UInt8] {
        let message = JSONRPCMessage.errorResponse(id: id, error: JSONRPCErrorObject(
            code: code,
            message: "accord record: the upstream server exited (\(status)) before answering",
            data: ["upstreamExit": .string(status)]
        ))
        return JSONEncoding.compactBytes(message.json)
    }
}
