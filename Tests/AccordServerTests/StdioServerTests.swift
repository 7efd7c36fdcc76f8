import AccordJSON
import AccordMCP
import AccordServer
import Foundation
import Testing

/// The stdio transport on pipes: pipelined requests all answered (concurrently, so in any
/// order), a line that is not JSON answered -32700, notifications unanswered, and the session
/// ending at EOF only after every request read has been answered.
@Suite struct StdioServerTests {
    struct SlowEcho: MCPCallHandler {
        func handle(_ call: MCPCall) async -> MCPCallOutcome {
            // Early requests take longest: replies overtake each other when served concurrently.
            let delay = 50 - (call.params["arguments"]?["n"]?.intValue ?? 0) % 50
            try? await Task.sleep(for: .milliseconds(delay))
            return .result(["content": [["type": "text", "text": .string(call.target.name)]], "structuredContent": call.params["arguments"] ?? .null])
        }
    }

    @Test func pipelinedRequestsAreAllAnsweredBeforeEOFEndsTheSession() async throws {
        let input = Pipe(), output = Pipe()
        let offer = ServerOffer(serverInfo: ["name": "pipes", "version": "1"], tools: [["name": "echo", "inputSchema": ["type": "object"]]])
        let server = StdioServer(handler: MCPServerDispatcher(offer: offer, calls: SlowEcho()),
                                 input: input.fileHandleForReading.fileDescriptor, output: output.fileHandleForWriting.fileDescriptor)
        let serving = Task { await server.run() }

        var lines = [#"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#,
                     #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#, "not json"]
        let count = 200
        for n in 1...count { lines.append(#"{"jsonrpc":"2.0","id":\#(n),"method":"tools/call","params":{"name":"echo","arguments":{"n":\#(n)}}}"#) }
        input.fileHandleForWriting.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        try input.fileHandleForWriting.close()

        let start = ContinuousClock.now
        let finished = await withTaskGroup(of: Bool.self) { group in
            group.addTask { await serving.value; return true }
            group.addTask { try? await Task.sleep(for: .seconds(180)); return false }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        // Concurrency shows in the order below; a time bound would only measure the machine's
        // load (a loaded 2-core CI machine took 72 s), so the only bound is the hang guard.
        #expect(finished, "the session ends at EOF (took \(ContinuousClock.now - start))")
        try output.fileHandleForWriting.close()
        let replies = try String(decoding: output.fileHandleForReading.readToEnd() ?? Data(), as: UTF8.self)
            .split(separator: "\n").map { try JSONValue(parsing: String($0)) }
        #expect(replies.count == count + 2, "initialize, the parse error and every call; no reply to the notification")
        #expect(replies.contains { $0["error"]?["code"] == -32700 && $0["id"] == .null })
        let ids = Set(replies.compactMap { $0["id"]?.intValue })
        #expect(ids == Set(0...count))
        let order = replies.compactMap { $0["id"]?.intValue }.filter { $0 > 0 }
        #expect(order != order.sorted(), "replies overtake each other: requests are served concurrently")
        #expect(replies.first { $0["id"] == 7 }?["result"]?["structuredContent"]?["n"] == 7)
    }
}
