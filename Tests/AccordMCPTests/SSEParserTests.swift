import AccordMCP
import Testing

@Suite("SSEParser")
struct SSEParserTests {
    /// Feeds `text` in one piece and returns every event it completes.
    private func parse(_ text: String) -> [SSEEvent] {
        var parser = SSEParser()
        return parser.feed(Array(text.utf8))
    }

    /// Feeds `bytes` cut into chunks of `size` bytes.
    private func parse(_ bytes: [UInt8], chunkSize size: Int) -> [SSEEvent] {
        var parser = SSEParser()
        var events: [SSEEvent] = []
        var start = 0
        while start < bytes.count {
            let end = min(start + size, bytes.count)
            events += parser.feed(bytes[start..<end])
            start = end
        }
        return events
    }

    @Test func namedEventWithData() {
        #expect(parse("event: message\ndata: {\"id\":1}\n\n") == [SSEEvent(type: "message", data: #"{"id":1}"#)])
    }

    @Test func missingOrEmptyEventTypeMeansMessage() {
        #expect(parse("data: a\n\nevent:\ndata: b\n\n") == [SSEEvent(data: "a"), SSEEvent(data: "b")])
    }

    @Test func customEventType() {
        #expect(parse("event: endpoint\ndata: /messages/?session_id=abc\n\n")
            == [SSEEvent(type: "endpoint", data: "/messages/?session_id=abc")])
    }

    @Test func multiLineDataIsJoinedWithNewlines() {
        #expect(parse("data: first\ndata: second\ndata:\ndata: fourth\n\n") == [SSEEvent(data: "first\nsecond\n\nfourth")])
    }

    @Test func emptyDataLineStillDispatches() {
        #expect(parse("data\n\n") == [SSEEvent(data: "")])
        #expect(parse("data:\n\n") == [SSEEvent(data: "")])
    }

    @Test func onlyOneSpaceAfterTheColonIsRemoved() {
        #expect(parse("data:no-space\n\n") == [SSEEvent(data: "no-space")])
        #expect(parse("data:  two spaces\n\n") == [SSEEvent(data: " two spaces")])
        #expect(parse("data:\ttab\n\n") == [SSEEvent(data: "\ttab")])
    }

    @Test func valueMayContainColons() {
        #expect(parse("data: {\"a\":\"b:c\"}\n\n") == [SSEEvent(data: #"{"a":"b:c"}"#)])
    }

    @Test func commentLinesAreIgnored() {
        #expect(parse(": ping\n\n") == [])
        #expect(parse(":comment\ndata: x\n: another\n\n") == [SSEEvent(data: "x")])
    }

    @Test func unknownFieldsAreIgnored() {
        #expect(parse("foo: bar\ndata: x\nDATA: y\n\n") == [SSEEvent(data: "x")])
    }

    @Test func blankLineWithoutDataDispatchesNothing() {
        #expect(parse("event: endpoint\n\n\n\ndata: x\n\n") == [SSEEvent(data: "x")])
    }

    @Test func eventTypeDoesNotCarryOver() {
        #expect(parse("event: endpoint\ndata: a\n\ndata: b\n\n") == [SSEEvent(type: "endpoint", data: "a"), SSEEvent(data: "b")])
    }

    @Test func idPersistsUntilReset() {
        let events = parse("id: 7\ndata: a\n\ndata: b\n\nid\ndata: c\n\n")
        #expect(events.map(\.id) == ["7", "7", nil])
    }

    @Test func idContainingNULIsIgnored() {
        #expect(parse("id: 1\ndata: a\n\nid: 2\u{0}\ndata: b\n\n").map(\.id) == ["1", "1"])
    }

    @Test func retrySetsTheReconnectionTimeOnlyForDigits() {
        var parser = SSEParser()
        _ = parser.feed(Array("retry: 3000\n\n".utf8))
        #expect(parser.reconnectionTime == 3000)
        _ = parser.feed(Array("retry: 12a\n\nretry:\n\n".utf8))
        #expect(parser.reconnectionTime == 3000)
        _ = parser.feed(Array("retry:250\ndata: x\n\n".utf8))
        #expect(parser.reconnectionTime == 250)
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func lineEndings(_ ending: String) {
        let text = ["event: message", "data: a", "data: b", "", "data: c", "", ""].joined(separator: ending)
        #expect(parse(text) == [SSEEvent(data: "a\nb"), SSEEvent(data: "c")])
    }

    @Test func mixedLineEndings() {
        #expect(parse("data: a\r\ndata: b\rdata: c\n\r\n") == [SSEEvent(data: "a\nb\nc")])
    }

    @Test func crLfIsOneLineBreakNotTwo() {
        // Were CR and LF two breaks, the blank line between them would dispatch "a" alone.
        #expect(parse("data: a\r\ndata: b\r\n\r\n") == [SSEEvent(data: "a\nb")])
    }

    @Test func unterminatedFinalEventIsNotDispatched() {
        #expect(parse("data: a\n\ndata: b\n") == [SSEEvent(data: "a")])
        #expect(parse("data: a\n\ndata: b") == [SSEEvent(data: "a")])
    }

    @Test func byteOrderMarkAtStreamStartIsIgnored() {
        #expect(parse("\u{FEFF}data: x\n\n") == [SSEEvent(data: "x")])
        // Without stripping, the first field name would be "\u{FEFF}event" and ignored.
        #expect(parse("\u{FEFF}event: endpoint\ndata: /m\n\n") == [SSEEvent(type: "endpoint", data: "/m")])
    }

    @Test func byteOrderMarkLaterIsKept() {
        #expect(parse("data: a\n\n\u{FEFF}data: b\n\n") == [SSEEvent(data: "a")])
    }

    @Test func byteOrderMarkSplitAcrossChunks() {
        let bytes = Array("\u{FEFF}data: x\n\n".utf8)
        #expect(parse(bytes, chunkSize: 1) == [SSEEvent(data: "x")])
        #expect(parse(bytes, chunkSize: 2) == [SSEEvent(data: "x")])
    }

    @Test func utf8SplitAcrossChunks() {
        let bytes = Array("data: héllo → 日本\n\n".utf8)
        #expect(parse(bytes, chunkSize: 1) == [SSEEvent(data: "héllo → 日本")])
    }

    @Test(arguments: 1...9)
    func chunkBoundariesAnywhere(_ size: Int) {
        let stream = "\u{FEFF}: ping\r\nevent: message\r\nid: 4\r\ndata: {\"jsonrpc\":\"2.0\",\r\ndata: \"id\":1}\r\n\r\nretry: 10\rdata: two\r\r"
        let whole = parse(stream)
        #expect(whole == [
            SSEEvent(data: "{\"jsonrpc\":\"2.0\",\n\"id\":1}", id: "4"),
            SSEEvent(data: "two", id: "4"),
        ])
        #expect(parse(Array(stream.utf8), chunkSize: size) == whole)
    }

    @Test func chunkBoundaryInsideCrLf() {
        var parser = SSEParser()
        #expect(parser.feed(Array("data: a\r".utf8)) == [])
        // The LF completing the CRLF must not count as a blank line.
        #expect(parser.feed(Array("\ndata: b\r".utf8)) == [])
        #expect(parser.feed(Array("\n\r".utf8)) == [SSEEvent(data: "a\nb")])
        #expect(parser.feed(Array("\n".utf8)) == [])
        #expect(parser.feed(Array("data: c\n\n".utf8)) == [SSEEvent(data: "c")])
    }

    @Test func chunkBoundaryInsideALine() {
        var parser = SSEParser()
        #expect(parser.feed(Array("da".utf8)) == [])
        #expect(parser.feed(Array("ta: hel".utf8)) == [])
        #expect(parser.bufferedByteCount == 9)
        #expect(parser.feed(Array("lo\n".utf8)) == [])
        #expect(parser.feed(Array("\n".utf8)) == [SSEEvent(data: "hello")])
        #expect(parser.bufferedByteCount == 0)
    }

    @Test func severalEventsInOneChunk() {
        #expect(parse("data: 1\n\ndata: 2\n\ndata: 3\n\n").map(\.data) == ["1", "2", "3"])
    }
}
