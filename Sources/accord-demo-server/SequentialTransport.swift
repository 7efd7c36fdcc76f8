import Foundation
import Logging
import MCP

/// One of the SDK's transports (stdio, or one HTTP session's), made to answer requests one at a
/// time and in order.
///
/// Why: the SDK's `Server` handles every incoming request in a task of its own and ends its
/// message loop as soon as its input ends. That has two consequences a contract-testing peer
/// cannot live with:
///
/// 1. Pipelined requests race. `create_invoice` followed at once by `get_invoice` on the new
///    number may run in either order, so results would depend on scheduling. Over HTTP the same
///    holds for concurrent POSTs in one session.
/// 2. A client that writes its requests and closes stdin (`printf ... | server`) can lose the
///    replies still being computed when the loop ends and the process exits.
///
/// This wrapper hands the server one message at a time: after passing on a request it waits
/// until the reply to that request id has been written before reading the next message. The
/// stream it gives the server therefore ends only after the last reply is written, and
/// `Server.waitUntilCompleted()` returning means "all answered". Notifications, responses and
/// batches (which the SDK handles inline) are passed on without waiting. A reply that never
/// comes (for example a request the SDK cannot parse and answers with a made-up id) releases
/// the queue after `replyTimeout`, so nothing can hang for good.
actor SequentialTransport: Transport {
    private let base: any Transport
    nonisolated let logger: Logger
    private let replyTimeout: Duration

    /// The id of the request being processed (as `JSONRPCPeek` keys it), if any.
    private var awaitedID: String?
    private var replySent = false
    private var replyWaiter: CheckedContinuation<Void, Never>?
    private var timeoutTask: Task<Void, Never>?
    private var pumpTask: Task<Void, Never>?

    init(base: any Transport, logger: Logger, replyTimeout: Duration = .seconds(10)) {
        self.base = base
        self.logger = logger
        self.replyTimeout = replyTimeout
    }

    func connect() async throws {
        try await base.connect()
    }

    func disconnect() async {
        pumpTask?.cancel()
        // A request still awaiting its reply will not get one now; let the pump see the end.
        releaseWaiter()
        await base.disconnect()
    }

    func send(_ data: Data) async throws {
        try await base.send(data)
        if let id = JSONRPCPeek.replyID(in: data), id == awaitedID {
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
                guard let id = JSONRPCPeek.requestID(in: message) else {
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
