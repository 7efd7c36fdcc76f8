import AccordJSON
import NIOCore
import NIOHTTP1
import NIOPosix
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streamable HTTP on SwiftNIO: a listener at `http://HOST:PORT/mcp` that hands every JSON-RPC
/// message to a ``ServerMessageHandler`` and frames the replies as JSON or SSE (the rules are in
/// ``StreamableHTTPEndpoint``). Connections are served concurrently, so parallel POSTs are
/// answered in parallel.
///
/// ```swift
/// let server = try await HTTPServer.bind(try ListenAddress(parsing: "127.0.0.1:0"), handler: dispatcher)
/// print("listening on \(server.url)")
/// await server.run()          // until the task is cancelled
/// ```
public struct HTTPServer: Sendable {
    /// How to frame a request's reply when the client accepts both JSON and SSE.
    public enum ReplyStyle: String, Sendable, Equatable, CaseIterable {
        /// One `application/json` document (an SSE stream still when several messages are owed).
        case json
        /// A `text/event-stream` of `event: message` events, as the Python SDK serves by default.
        case events
    }

    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    private let channel: NIOAsyncChannel<Connection, Never>
    private let endpoint: StreamableHTTPEndpoint
    /// The address bound: the port asked for, or the one the system picked for port 0.
    public let address: ListenAddress

    /// The MCP endpoint's URL, e.g. `http://127.0.0.1:8000/mcp`.
    public var url: String { "http://\(address)\(endpoint.path)" }

    /// Binds `address` (port 0: any free port).
    /// - Throws: ``ServerError`` `.addressInUse` when another process holds the port,
    ///   `.cannotBind` for anything else.
    public static func bind(_ address: ListenAddress, path: String = "/mcp", replyStyle: ReplyStyle = .json,
                            handler: any ServerMessageHandler) async throws(ServerError) -> HTTPServer {
        let channel: NIOAsyncChannel<Connection, Never>
        do {
            channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .bind(host: address.host, port: address.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                        return try Connection(wrappingChannelSynchronously: channel)
                    }
                }
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw ServerError(.addressInUse(host: address.host, port: address.port))
        } catch {
            throw ServerError(.cannotBind(host: address.host, port: address.port, reason: "\(error)"))
        }
        let bound = ListenAddress(host: address.host, port: channel.channel.localAddress?.port ?? address.port)
        return HTTPServer(channel: channel, endpoint: StreamableHTTPEndpoint(path: path, handler: handler, replyStyle: replyStyle), address: bound)
    }

    /// Serves until the calling task is cancelled, then closes the listener and ends every open
    /// session (``ServerMessageHandler/sessionEnded(_:)``).
    ///
    /// Each connection runs in a task of its own rather than in a task group: a plain group keeps
    /// every finished child until it is awaited, and the discarding kind needs macOS 14.
    public func run() async {
        let endpoint = endpoint
        let channel = channel
        await withTaskCancellationHandler {
            do {
                try await channel.executeThenClose { connections in
                    for try await connection in connections {
                        Task { await Self.serve(connection, endpoint) }
                    }
                }
            } catch {
                // The listener closed (cancellation below): nothing more to accept.
            }
        } onCancel: {
            channel.channel.close(promise: nil)
        }
        await endpoint.endAllSessions()
    }

    private static func serve(_ connection: Connection, _ endpoint: StreamableHTTPEndpoint) async {
        do {
            try await connection.executeThenClose { inbound, outbound in
                var head: HTTPRequestHead?
                var body = ByteBuffer()
                for try await part in inbound {
                    switch part {
                    case .head(let requestHead):
                        head = requestHead
                        body.clear()
                    case .body(var chunk):
                        body.writeBuffer(&chunk)
                    case .end:
                        guard let request = head else { continue }
                        let reply = await endpoint.respond(
                            method: request.method.rawValue, target: request.uri,
                            headers: request.headers.map { (name: $0.name, value: $0.value) },
                            body: Array(body.readableBytesView))
                        try await write(reply, to: outbound, answering: request)
                        if !request.isKeepAlive { return }
                    }
                }
            }
        } catch {
            // A client that goes away mid-reply is routine for a server; its session lives on
            // until DELETE or shutdown.
        }
    }

    private static func write(_ reply: HTTPReply, to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>,
                              answering request: HTTPRequestHead) async throws {
        var headers = HTTPHeaders(reply.headers.map { ($0.name, $0.value) })
        let (contentType, bytes) = reply.encodedBody
        if let contentType { headers.replaceOrAdd(name: "Content-Type", value: contentType) }
        if contentType == HTTPReply.eventStreamType { headers.replaceOrAdd(name: "Cache-Control", value: "no-cache") }
        headers.replaceOrAdd(name: "Connection", value: request.isKeepAlive ? "keep-alive" : "close")
        var streamed: HTTPReply.LiveEvents?
        if case .stream(let events) = reply.body { streamed = events }
        // A stream has no Content-Length: HTTP/1.1 frames it in chunks, each event flushed as written.
        if streamed == nil { headers.replaceOrAdd(name: "Content-Length", value: String(bytes.count)) }
        let head = HTTPServerResponsePart.head(HTTPResponseHead(version: request.version, status: HTTPResponseStatus(statusCode: reply.status), headers: headers))
        guard let events = streamed else {
            try await outbound.write(contentsOf: [head, .body(.byteBuffer(ByteBuffer(bytes: bytes))), .end(nil)])
            return
        }
        try await outbound.write(head)
        var clientGone = false
        await events.produce { message in
            guard !clientGone else { return false }
            do {
                try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: HTTPReply.event(message)))))
                return true
            } catch {
                clientGone = true
                return false
            }
        }
        // A client that went away mid-stream ends the connection.
        guard !clientGone else { throw ChannelError.ioOnClosedChannel }
        try await outbound.write(.end(nil))
    }
}
