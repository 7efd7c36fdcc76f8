/// One event of a `text/event-stream` body, as the WHATWG EventSource rules dispatch it.
public struct SSEEvent: Sendable, Equatable {
    /// The `event:` field, or `"message"` when the event had none (or an empty one).
    public var type: String
    /// The `data:` lines joined with `"\n"`.
    public var data: String
    /// The last event ID in force when the event was dispatched (`id:` persists across events);
    /// `nil` while none was set or after an empty `id:` reset it.
    public var id: String?

    public init(type: String = "message", data: String, id: String? = nil) {
        self.type = type
        self.data = data
        self.id = id
    }
}

/// An incremental `text/event-stream` parser: feed it byte chunks cut anywhere, get back the
/// events those bytes completed.
///
/// It follows the WHATWG "event stream interpretation" rules: lines end with CRLF, LF or CR (a
/// CRLF split across two chunks counts once); a leading UTF-8 BOM is dropped; `:` lines are
/// comments; one space after the field's colon is optional; `data:` lines accumulate; a blank
/// line dispatches; an event still open when the stream ends is never dispatched.
///
/// ```swift
/// var parser = SSEParser()
/// parser.feed(Array("event: message\nda".utf8))   // []
/// parser.feed(Array("ta: {}\n\n".utf8))           // [SSEEvent(type: "message", data: "{}")]
/// ```
public struct SSEParser: Sendable {
    /// The reconnection delay in milliseconds from the last valid `retry:` field, if any.
    public private(set) var reconnectionTime: Int?

    private var line: [UInt8] = []
    private var dataBuffer: String = ""
    private var hasData = false
    private var eventType: String = ""
    private var lastEventID: String = ""
    /// A CR ended the previous line; an LF right after it belongs to the same line break.
    private var previousByteWasCR = false
    private var atStreamStart = true

    public init() {}

    /// The last event ID in force (`id:` lines persist; an empty one resets), even when no event
    /// carried it yet: a server primes a resumable stream with an `id:` before any data. This is
    /// what a client sends as `Last-Event-ID` to resume the stream.
    public var lastEventIDInForce: String? { lastEventID.isEmpty ? nil : lastEventID }

    /// Bytes held back for events that are not complete yet: the open line plus the `data:`
    /// accumulated so far. Callers cap this to bound memory against a server that never ends
    /// a line or an event.
    public var bufferedByteCount: Int { line.count + dataBuffer.utf8.count }

    /// Consumes `bytes` and returns the events completed by them, in order.
    ///
    /// Runs of bytes between line breaks are copied in bulk: a server may send one line of
    /// hundreds of megabytes, and a byte-at-a-time append would take most of a timeout.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [SSEEvent] {
        var events: [SSEEvent] = []
        let chunk = Array(bytes)
        chunk.withUnsafeBufferPointer { buffer in
            var runStart = 0
            for index in buffer.indices {
                let byte = buffer[index]
                guard byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") else { continue }
                if index > runStart {
                    line.append(contentsOf: buffer[runStart..<index])
                    previousByteWasCR = false
                }
                runStart = index + 1
                if byte == UInt8(ascii: "\n") {
                    if previousByteWasCR {
                        previousByteWasCR = false
                        continue
                    }
                    endLine(into: &events)
                } else {
                    endLine(into: &events)
                    previousByteWasCR = true
                }
            }
            if runStart < buffer.count {
                line.append(contentsOf: buffer[runStart...])
                previousByteWasCR = false
            }
        }
        return events
    }

    private mutating func endLine(into events: inout [SSEEvent]) {
        var bytes = line[...]
        line.removeAll(keepingCapacity: true)
        if atStreamStart {
            atStreamStart = false
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        }
        guard !bytes.isEmpty else {
            if let event = dispatch() { events.append(event) }
            return
        }
        guard bytes.first != UInt8(ascii: ":") else { return }

        let field: String
        let valueText: String
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")) {
            field = String(decoding: bytes[..<colon], as: UTF8.self)
            var rest = bytes[bytes.index(after: colon)...]
            if rest.first == UInt8(ascii: " ") { rest = rest.dropFirst() }
            valueText = String(decoding: rest, as: UTF8.self)
        } else {
            field = String(decoding: bytes, as: UTF8.self)
            valueText = ""
        }

        switch field {
        case "event":
            eventType = valueText
        case "data":
            if hasData { dataBuffer.append("\n") }
            dataBuffer.append(valueText)
            hasData = true
        case "id":
            if !valueText.contains("\u{0}") { lastEventID = valueText }
        case "retry":
            if !valueText.isEmpty, valueText.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) {
                reconnectionTime = Int(valueText)
            }
        default:
            break
        }
    }

    private mutating func dispatch() -> SSEEvent? {
        defer {
            dataBuffer = ""
            hasData = false
            eventType = ""
        }
        guard hasData else { return nil }
        return SSEEvent(
            type: eventType.isEmpty ? "message" : eventType,
            data: dataBuffer,
            id: lastEventID.isEmpty ? nil : lastEventID
        )
    }
}
