import Foundation
import MCP
import NIOCore
import NIOHTTP1
import NIOPosix

/// A small HTTP/1.1 server on SwiftNIO: it hands each request to an async handler as the SDK's
/// framework-agnostic `HTTPRequest` and writes back the handler's `HTTPResponse`.
///
/// An SSE response (`.stream`) goes out with chunked transfer encoding, one chunk per event,
/// each written and flushed as the SDK yields it, so a client sees a reply the moment it exists.
/// Everything else gets a `Content-Length`. Requests on one connection are answered in order
/// (HTTP/1.1 has no multiplexing); connections are served concurrently.
struct HTTPListener: Sendable {
    typealias Handler = @Sendable (MCP.HTTPRequest) async -> MCP.HTTPResponse
    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    private let serverChannel: NIOAsyncChannel<Connection, Never>
    /// The port bound: the one asked for, or the one the system picked for port 0.
    let port: Int

    static func bind(host: String, port: Int) async throws -> HTTPListener {
        let serverChannel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try Connection(wrappingChannelSynchronously: channel)
                }
            }
        return HTTPListener(serverChannel: serverChannel, port: serverChannel.channel.localAddress?.port ?? port)
    }

    /// Accepts connections until the listening socket closes.
    ///
    /// Each connection runs in a task of its own rather than in a task group: a plain group keeps
    /// every finished child until it is awaited, and the discarding kind needs macOS 14.
    func serve(_ handler: @escaping Handler) async throws {
        try await serverChannel.executeThenClose { connections in
            for try await connection in connections {
                Task { await Self.serve(connection, handler) }
            }
        }
    }

    private static func serve(_ connection: Connection, _ handler: Handler) async {
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
                        guard let requestHead = head else { continue }
                        let response = await handler(request(requestHead, body: body))
                        try await write(response, to: outbound, answering: requestHead)
                        if !requestHead.isKeepAlive { return }
                    }
                }
            }
        } catch {
            // A client that goes away mid-response (an abandoned SSE stream, a killed process) is
            // routine for a server; the session, if any, lives on until DELETE.
        }
    }

    private static func request(_ head: HTTPRequestHead, body: ByteBuffer) -> MCP.HTTPRequest {
        let headers = Dictionary(head.headers.map { ($0.name, $0.value) }, uniquingKeysWith: { "\($0), \($1)" })
        return MCP.HTTPRequest(
            method: head.method.rawValue,
            headers: headers,
            body: body.readableBytes == 0 ? nil : Data(body.readableBytesView),
            path: String(head.uri.prefix { $0 != "?" }))
    }

    private static func write(_ response: MCP.HTTPResponse, to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>, answering request: HTTPRequestHead) async throws {
        var headers = HTTPHeaders(response.headers.map { ($0.key, $0.value) })
        headers.replaceOrAdd(name: "Connection", value: request.isKeepAlive ? "keep-alive" : "close")
        let status = HTTPResponseStatus(statusCode: response.statusCode)
        if case .stream(let events, _) = response {
            // No Content-Length: NIO frames the body as chunks, and each write is flushed.
            try await outbound.write(.head(HTTPResponseHead(version: request.version, status: status, headers: headers)))
            for try await event in events {
                try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: event))))
            }
            try await outbound.write(.end(nil))
        } else {
            let body = response.bodyData ?? Data()
            headers.replaceOrAdd(name: "Content-Length", value: String(body.count))
            try await outbound.write(contentsOf: [
                .head(HTTPResponseHead(version: request.version, status: status, headers: headers)),
                .body(.byteBuffer(ByteBuffer(bytes: body))),
                .end(nil),
            ])
        }
    }
}
