import AccordJSON

/// JSON-RPC 2.0 over one transport: numbers requests, matches replies, times out waits, and
/// answers the server's own requests so a server never blocks waiting on Accord.
///
/// Requests may be issued concurrently; each waits only for its own reply. When the transport
/// ends (process exit, stream closed) every waiting request fails with that reason plus the
/// server's last stderr lines.
public actor MCPConnection {
    private let transport: any MCPTransport
    private var nextID = 1
    private var pending: [String: CheckedContinuation<Result<JSONValue, MCPError>, Never>] = [:]
    private var pendingMethods: [String: String] = [:]
    private var timers: [String: Task<Void, Never>] = [:]
    private var terminalError: MCPError?
    private var readerTask: Task<Void, Never>?
    private var notes: [String] = []

    public init(transport: any MCPTransport) {
        self.transport = transport
    }

    /// Starts reading the transport's messages. Call once before the first request.
    public func start() {
        guard readerTask == nil else { return }
        let inbound = transport.inbound
        readerTask = Task { [weak self] in
            do {
                for try await value in inbound {
                    await self?.receive(value)
                }
                await self?.transportEnded(MCPError(.serverExited(detail: "it closed the connection")))
            } catch let error as MCPError {
                await self?.transportEnded(error)
            } catch {
                await self?.transportEnded(MCPError(.serverExited(detail: "\(error)")))
            }
        }
    }

    /// Sends a request and waits for its result.
    /// - Parameters:
    ///   - timeout: how long to wait for the reply.
    ///   - reportedLimit: the limit the user set, named in the timeout error (defaults to `timeout`;
    ///     differs when the wait was cut short by a session-wide deadline).
    /// - Throws: ``MCPError``: `.rpcError` for a JSON-RPC error reply, `.timeout`, or whatever
    ///   ended the transport.
    public func request(_ method: String, params: JSONValue? = nil, timeout: Duration, reportedLimit: Duration? = nil) async throws(MCPError) -> JSONValue {
        if let terminalError { throw await withLog(terminalError) }
        let id = nextID
        nextID += 1
        let key = Self.key(for: .number(JSONNumber(id)))
        let message = JSONRPCMessage.request(id: .number(JSONNumber(id)), method: method, params: params)
        let transport = self.transport
        let seconds = Self.seconds(reportedLimit ?? timeout)

        let outcome: Result<JSONValue, MCPError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                pending[key] = continuation
                pendingMethods[key] = method
                Task {
                    do throws(MCPError) {
                        try await transport.send(message.json)
                    } catch {
                        self.resolve(key, with: .failure(error))
                    }
                }
                timers[key] = Task {
                    guard (try? await Task.sleep(for: timeout)) != nil else { return }
                    self.resolve(key, with: .failure(MCPError(.timeout(operation: method, seconds: seconds))))
                }
            }
        } onCancel: {
            Task { await self.resolve(key, with: .failure(MCPError(.cancelled))) }
        }

        switch outcome {
        case .success(let result):
            return result
        case .failure(let error):
            throw await withLog(error)
        }
    }

    /// Sends a notification (no reply expected).
    public func notify(_ method: String, params: JSONValue? = nil) async throws(MCPError) {
        if let terminalError { throw await withLog(terminalError) }
        do throws(MCPError) {
            try await transport.send(JSONRPCMessage.notification(method: method, params: params).json)
        } catch {
            throw await withLog(error)
        }
    }

    /// Warnings collected so far from this connection and its transport.
    public func warnings() async -> [String] {
        notes + (await transport.warnings())
    }

    /// Stops reading and fails anything still waiting. The transport itself is closed by its owner.
    public func stop() {
        readerTask?.cancel()
        failAll(MCPError(.cancelled))
    }

    private func withLog(_ error: MCPError) async -> MCPError {
        error.withServerLog(await transport.recentServerLog())
    }

    private func resolve(_ key: String, with outcome: Result<JSONValue, MCPError>) {
        pendingMethods[key] = nil
        timers.removeValue(forKey: key)?.cancel()
        pending.removeValue(forKey: key)?.resume(returning: outcome)
    }

    private func receive(_ value: JSONValue) {
        let message: JSONRPCMessage
        do throws(MCPError) {
            message = try JSONRPCMessage(value)
        } catch {
            notes.append("ignored a message that is not JSON-RPC: \(error.summary)")
            return
        }
        switch message {
        case .response(let id, let result):
            let key = Self.key(for: id)
            if pending[key] != nil {
                resolve(key, with: .success(result))
            } else {
                notes.append("ignored a reply to unknown request id \(id)")
            }
        case .errorResponse(let id, let error):
            // A null id: the server could not tell which request failed (e.g. it could not parse
            // it). If only one request is waiting it must be that one; otherwise let the waits
            // time out. An id Accord never sent is noise and is ignored.
            var key = id.map(Self.key(for:))
            if id == nil, pending.count == 1 { key = pending.keys.first }
            guard let key, pending[key] != nil else {
                notes.append("ignored an error reply with id \(id?.description ?? "null"): \(error.code) \(error.message)")
                return
            }
            let method = pendingMethods[key] ?? "a request"
            resolve(key, with: .failure(MCPError(.rpcError(method: method, code: error.code, message: error.message, data: error.data))))
        case .request(let id, let method, _):
            answerServerRequest(id: id, method: method)
        case .notification(let method, _) where method.hasSuffix("/list_changed"):
            // A capture lists each kind once; a change announced meanwhile may not be in it.
            let warning = "the server announced during the session that a list changed (\(method)); what was captured may mix old and new definitions: capture again"
            if !notes.contains(warning) { notes.append(warning) }
        case .notification:
            break
        }
    }

    /// Accord declares no client capabilities, so it only answers `ping`; anything else gets
    /// method-not-found rather than silence, which would leave the server waiting forever.
    private func answerServerRequest(id: JSONValue, method: String) {
        let reply: JSONRPCMessage = method == "ping"
            ? .response(id: id, result: .object([:]))
            : .errorResponse(id: id, error: JSONRPCErrorObject(code: JSONRPCErrorObject.methodNotFound, message: "Accord does not support \(method)"))
        let transport = self.transport
        Task { try? await transport.send(reply.json) }
    }

    private func transportEnded(_ error: MCPError) {
        if terminalError == nil { terminalError = error }
        failAll(error)
    }

    private func failAll(_ error: MCPError) {
        for key in Array(pending.keys) { resolve(key, with: .failure(error)) }
    }

    private static func key(for id: JSONValue) -> String {
        if case .number(let number) = id, let integer = Int(exactly: number.doubleValue) { return "n:\(integer)" }
        return "j:" + JSONEncoding.compact(id)
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
