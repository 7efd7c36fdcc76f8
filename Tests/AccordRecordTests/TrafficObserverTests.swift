import AccordJSON
@testable import AccordRecord
import AccordSnapshot
import Testing

@Suite struct TrafficObserverTests {
    func feed(_ observer: TrafficObserver, _ sender: TrafficObserver.Sender, _ text: String) {
        observer.observe(Array(text.utf8), from: sender)
    }

    @Test func pairsRepliesByIdWhateverTheOrder() {
        let observer = TrafficObserver()
        feed(observer, .client, #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25"}}"#)
        feed(observer, .server, #"{"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2025-11-25","capabilities":{"tools":{}},"serverInfo":{"name":"s","version":"1"}}}"#)
        feed(observer, .client, #"{"jsonrpc":"2.0","id":"a","method":"tools/call","params":{"name":"first","arguments":{}}}"#)
        feed(observer, .client, #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"second","arguments":{"x":1}}}"#)
        // A server-to-client request with a colliding id, and the client's answer to it.
        feed(observer, .server, #"{"jsonrpc":"2.0","id":2,"method":"sampling/createMessage","params":{}}"#)
        feed(observer, .client, #"{"jsonrpc":"2.0","id":2,"result":{"content":{"type":"text","text":"hi"}}}"#)
        feed(observer, .server, #"{"jsonrpc":"2.0","id":2,"result":{"content":[],"isError":false}}"#)
        feed(observer, .server, #"{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":1,"progress":1}}"#)
        feed(observer, .server, #"{"jsonrpc":"2.0","id":"a","error":{"code":-32602,"message":"Unknown tool"}}"#)
        let session = observer.session
        #expect(session.hello?.serverInfo["name"] == "s")
        #expect(session.exchanges == [
            ObservedExchange(call: .callTool(name: "second", arguments: ["x": 1]), outcome: .result(["content": [], "isError": false])),
            ObservedExchange(call: .callTool(name: "first", arguments: [:]), outcome: .error(code: -32602)),
        ])
        #expect(observer.takeUnansweredRequests().isEmpty)
    }

    @Test func listsCollectEveryPageOnceAndTheModernHelloIsRead() {
        let observer = TrafficObserver()
        feed(observer, .client, #"{"jsonrpc":"2.0","id":1,"method":"server/discover","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28"}}}"#)
        feed(observer, .server, #"{"jsonrpc":"2.0","id":1,"result":{"supportedVersions":["2026-07-28"],"capabilities":{},"_meta":{"io.modelcontextprotocol/serverInfo":{"name":"m","version":"2"}}}}"#)
        feed(observer, .client, #"[{"jsonrpc":"2.0","id":2,"method":"tools/list"},{"jsonrpc":"2.0","id":3,"method":"tools/list","params":{"cursor":"p2"}}]"#)
        feed(observer, .server, #"{"jsonrpc":"2.0","id":2,"result":{"tools":[{"name":"a","inputSchema":{"type":"object"}}],"nextCursor":"p2"}}"#)
        feed(observer, .server, #"{"jsonrpc":"2.0","id":3,"result":{"tools":[{"name":"b","inputSchema":{"type":"object"}},{"name":"a","inputSchema":{"type":"object"}}]}}"#)
        let session = observer.session
        #expect(session.hello?.era == .modern)
        #expect(session.hello?.protocolVersion == "2026-07-28")
        #expect(session.snapshot?.serverInfo["name"] == "m")
        #expect(session.definitions[.tool]?.compactMap { $0["name"]?.stringValue } == ["a", "b"])
        #expect(session.listed == [.tool])
    }

    @Test func unansweredRequestsComeBackInOrderExceptCancelledOnes() {
        let observer = TrafficObserver()
        feed(observer, .client, #"{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"a"}}"#)
        feed(observer, .client, #"{"jsonrpc":"2.0","id":"x","method":"tools/call","params":{"name":"b"}}"#)
        feed(observer, .client, #"{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"c"}}"#)
        feed(observer, .client, #"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":9}}"#)
        feed(observer, .client, "not json at all")
        #expect(observer.takeUnansweredRequests() == [7, "x"])
        #expect(observer.takeUnansweredRequests().isEmpty)
    }

    @Test func wordForWordRepeatsAreKeptOnceAndCounted() {
        let observer = TrafficObserver()
        for id in 1...50 {
            feed(observer, .client, #"{"jsonrpc":"2.0","id":\#(id),"method":"tools/call","params":{"name":"poll","arguments":{}}}"#)
            feed(observer, .server, #"{"jsonrpc":"2.0","id":\#(id),"result":{"content":[],"isError":false}}"#)
        }
        #expect(observer.session.exchanges.count == 1)
        #expect(observer.session.observedCalls == 50)
    }

    @Test func lineSplitterFindsLinesAcrossChunks() {
        var splitter = LineSplitter()
        #expect(splitter.lines(in: Array("{\"a\":".utf8)).isEmpty)
        #expect(splitter.hasPartialLine)
        let lines = splitter.lines(in: Array("1}\n{\"b\":2}\n{\"c\"".utf8)).map { String(decoding: $0, as: UTF8.self) }
        #expect(lines == ["{\"a\":1}", "{\"b\":2}"])
        #expect(splitter.lines(in: Array(":3}\n".utf8)).map { String(decoding: $0, as: UTF8.self) } == ["{\"c\":3}"])
        #expect(!splitter.hasPartialLine)
    }
}

@Suite struct TrafficObserverConversationTests {
    /// Two HTTP sessions both send request 1 at once; each reply pairs with its own session's call.
    @Test func idsArePairedWithinTheirConversation() {
        let observer = TrafficObserver()
        func call(_ id: Int, _ name: String) -> JSONValue {
            ["jsonrpc": "2.0", "id": .number(JSONNumber(id)), "method": "tools/call", "params": ["name": .string(name), "arguments": [:]]]
        }
        func result(_ id: Int, _ text: String) -> JSONValue {
            ["jsonrpc": "2.0", "id": .number(JSONNumber(id)), "result": ["content": [["type": "text", "text": .string(text)]], "isError": false]]
        }
        observer.observe(call(1, "alpha"), from: .client, conversation: "session-a")
        observer.observe(call(1, "beta"), from: .client, conversation: "session-b")
        observer.observe(result(1, "from beta"), from: .server, conversation: "session-b")
        observer.observe(result(1, "from alpha"), from: .server, conversation: "session-a")
        let outcomes = Dictionary(uniqueKeysWithValues: observer.session.exchanges.compactMap { exchange -> (String, JSONValue)? in
            guard case .callTool(let name, _) = exchange.call, case .result(let result) = exchange.outcome else { return nil }
            return (name, result["content"]?[0]?["text"] ?? .null)
        })
        #expect(outcomes == ["alpha": "from alpha", "beta": "from beta"])
    }
}
