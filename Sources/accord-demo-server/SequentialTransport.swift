import Foundation
import Logging
import MCP

/// The SDK's stdio transport, made to answer requests one at a time and in order.
///
/// Why: the SDK's `Server` handles every incoming request in a task of its own and ends its
/// message loop as soon as stdin reaches EOF. That has two consequences a contract-testing
/// peer cannot live with:
///
/// 1. Pipelined requests race. `create_invoice` followed at once by `get_invoice` on the new
///    number may run in either order, so results would depend on scheduling.
/// 2. A client that writes its requests and closes stdin (`printf ... | server`) can lose the
///    replies still being computed when the loop ends and the process exits.
///
/// This wrapper hands the server one message at a time: after passing on a request it waits
/// until the reply to that request id has been written before reading the next message. The
/// stream it gives the server therefore ends only after the last reply is on stdout, and
/// `Server.waitUntilCompleted()` returning means "all answered". Notifications, responses and
/// batches (which the SDK handles inline) are passed on without waiting. A reply that never
/// comes (for example a request the SDK cannot parse and answers with a made-up id) releases
/// the queue after `replyTimeout`, so nothing can hang for good.
actor SequentialTransport: Transport {
    private let base: StdioTransport
    nonisolated let logger: Logger
    private let replyTimeout: Duration

    /// The id of the request being processed (as `RequestID.key`), if any.
    private var awaitedID: String?
    private var replySent = false
    private var replyWaiter: CheckedContinuation<Void, Never>?
    private var timeoutTask: Task<Void, Never>?
    private var pumpTask: Task<Void, Never>?

    init(base: StdioTransport, logger: Logger, replyTimeout: Duration = .seconds(10)) {
        self.base = base
        self.logger = logger
        self.replyTimeout = replyTimeout
    }

    func connect() async throws {
        try await base.connect()
    }

    func disconnect() async {
        pumpTask?.cancel()
        await base.disconnect()
    }

    func send(_ data: Data) async throws {
        try await base.send(data)
        if let id = RequestID.ofReply(in: data), id == awaitedID {
            replySent = true
            releaseWaiter()
        }
    }

    func receive() -> AsyncThrowingStream<Data, Swift.Error> {
        let (stream, continuation) = AsyncThrowingStream<Data, Swift.Error>.makeStream()
        pumpTask = Task { await self.pump(into: continuation) }
        return stream
    }

    private func pump(into continuation: AsyncThrowingStream<Data, Swift.Error>.Continuation) async {
        let upstream = await base.receive()
        do {
            for try await message in upstream {
                guard let id = RequestID.ofRequest(in: message) else {
                    continuation.yield(message)
                    continue
                }
                // Registered before the server can see the request, so a fast reply is not missed.
                awaitedID = id
                replySent = false
                continuation.yield(message)
                await waitForReply(to: id)
                awaitedID = nil
            }
            continuation.finish()
        } catch {
            continuation.finish(throwing: error)
        }
    }

    private func waitForReply(to id: String) async {
        if replySent { return }
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            replyWaiter = waiter
            let timeout = replyTimeout
            timeoutTask = Task {
                try? await Task.sleep(for: timeout)
                if !Task.isCancelled { self.giveUpWaiting(for: id) }
            }
        }
    }

    private func giveUpWaiting(for id: String) {
        guard awaitedID == id, replyWaiter != nil else { return }
        logger.warning("No reply to request \(id) within \(replyTimeout); reading on")
        releaseWaiter()
    }

    private func releaseWaiter() {
        timeoutTask?.cancel()
        timeoutTask = nil
        replyWaiter?.resume()
        replyWaiter = nil
    }
}

/// Reads just enough of a JSON-RPC message to tell requests and replies apart and to match them
/// by id. A message that is not a JSON object (a batch, or garbage) yields nil.
enum RequestID {
    private struct Envelope: Decodable {
        var id: Value?
        var method: String?
        var result: Value?
        var error: Value?
    }

    static func ofRequest(in data: Data) -> String? {
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: data), envelope.method != nil else {
            return nil
        }
        return key(envelope.id)
    }

    static func ofReply(in data: Data) -> String? {
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: data), envelope.method == nil,
            envelope.result != nil || envelope.error != nil
        else { return nil }
        return key(envelope.id)
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
