"""Test peer: a misbehaving Streamable HTTP MCP server on raw sockets, one misbehaviour per --mode.

Standard library only. It speaks just enough MCP (handshake era, 2025-06-18: initialize,
notifications, tools/list, ping; JSON replies) for a capture to reach the request each mode
bends. Raw sockets, not http.server, because several modes break HTTP itself (headers that never
end, a body that is not what Content-Type says).

Modes (--port N on 127.0.0.1; every path is the MCP endpoint unless the mode says otherwise):
  slow-headers          the status line, then one header byte every 0.5 s, forever
  endless-headers       the status line, then header lines as fast as the client reads them
  silent-sse            tools/list opens an SSE stream and sends only ":" comments, never an event
  huge-line             tools/list answers application/json: one 50 MB line of "A" (not JSON)
  huge-sse-line         tools/list answers an SSE stream whose data line is 50 MB and never ends
  invalid-utf8          tools/list holds a tool whose description has invalid UTF-8 and a \\u001b escape
  escape-body           every POST gets 500 text/plain whose body is terminal escape codes
  escape-not-json       tools/list answers 200 application/json with escape codes, not JSON
  escape-server-info    initialize names the server (serverInfo name and version) with escape codes
  escape-rpc-error      tools/list answers a JSON-RPC error whose message and data are escapes
  redirect-other-origin every request gets 307 to --other-port (which logs what reaches it)
  redirect-same-origin  /mcp answers 307 to /moved, which serves normally
  gzip-bomb             tools/list answers Content-Encoding: gzip, 512 MiB of zeros compressed
  html-502              every request gets 502 with an HTML page (as a proxy would)
  session-rotate        every reply assigns a new Mcp-Session-Id; only the newest is accepted
  session-404-always    every request after initialize gets 404 (the session is never known)
  wrong-content-type    replies are JSON sent as Content-Type text/html
  html-200              tools/list answers 200 text/html with an HTML page
  unsolicited-reply     tools/list answers a JSON reply to id 999999 only (never sent)
  stray-then-reply      tools/list answers SSE: a reply to id "never-sent", then the real one
  sse-resume            tools/list answers SSE with a priming event (id, retry: 300 ms) and drops
                        the connection; a GET with Last-Event-ID gets the reply
  sse-resume-never      like sse-resume, but every resumption GET is dropped again
  listen-stream         offers the standalone GET stream: on it, notifications/tools/list_changed
                        and a ping request (id "srv-ping-1"); tools/list waits (at most 5 s) until
                        the client answered the ping, so the test does not race the end of the
                        capture: the client must hear the stream while a request is pending
  http-401              every request gets 401, WWW-Authenticate: Bearer with error="invalid_token",
                        error_description and resource_metadata
  http-403-scope        every request gets 403, WWW-Authenticate: Bearer error="insufficient_scope",
                        scope="files:read files:write"

--capture FILE appends one JSON line per request received (method, path, headers) so tests can
assert what reached the server (and the other origin). SIGTERM exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import sys
import threading
import time
import zlib

SERVER_INFO = {"name": "accord-hostile-http", "version": "0.0.1"}
ESCAPES = b"\x1b[2J\x1b]0;pwned\x07\x1b[31mFAKE: all checks passed\x1b[0m\r\nforged line\xff\xfe\x9b"
FIFTY_MB = 50 * 1024 * 1024


class Request:
    def __init__(self, method: str, path: str, headers: dict[str, str], body: bytes) -> None:
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
        try:
            value = json.loads(body or b"null")
        except ValueError:
            value = None
        self.message = value if isinstance(value, dict) else {}

    @property
    def rpc_method(self) -> str | None:
        return self.message.get("method")

    @property
    def rpc_id(self) -> object:
        return self.message.get("id")


def read_request(connection: socket.socket, reader) -> Request | None:
    line = reader.readline(65536)
    if not line:
        return None
    parts = line.decode("latin-1").strip().split(" ")
    if len(parts) < 2:
        return None
    headers: dict[str, str] = {}
    while True:
        header = reader.readline(65536)
        if header in (b"\r\n", b"\n", b""):
            break
        name, _, value = header.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length") or 0)
    body = reader.read(length) if length else b""
    return Request(parts[0], parts[1], headers, body)


class Peer:
    def __init__(self, mode: str, other_port: int | None, capture: str | None) -> None:
        self.mode = mode
        self.other_port = other_port
        self.capture = capture
        self.lock = threading.Lock()
        self.session_counter = 0
        self.sessions: set[str] = set()
        self.newest_session: str | None = None
        self.pending_resume: dict[str, dict] = {}
        self.bomb: bytes | None = None
        self.pushed = threading.Event()
        self.ping_answered = threading.Event()

    # -- plumbing --------------------------------------------------------------------------

    def record(self, request: Request, origin: str) -> None:
        if not self.capture:
            return
        entry = {"origin": origin, "method": request.method, "path": request.path, "rpc": request.rpc_method, "id": request.rpc_id,
                 "headers": request.headers, "time": time.time()}
        with self.lock, open(self.capture, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry) + "\n")

    @staticmethod
    def send(connection: socket.socket, status: str, body: bytes, content_type: str, extra: dict[str, str] | None = None) -> None:
        head = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
        for name, value in (extra or {}).items():
            head += f"{name}: {value}\r\n"
        connection.sendall(head.encode("latin-1") + b"\r\n" + body)

    def send_json(self, connection: socket.socket, message: dict, extra: dict[str, str] | None = None, content_type: str = "application/json") -> None:
        self.send(connection, "200 OK", json.dumps(message).encode(), content_type, extra)

    @staticmethod
    def start_stream(connection: socket.socket, extra: dict[str, str] | None = None) -> None:
        head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: close\r\n"
        for name, value in (extra or {}).items():
            head += f"{name}: {value}\r\n"
        connection.sendall(head.encode("latin-1") + b"\r\n")

    def new_session(self) -> str:
        with self.lock:
            self.session_counter += 1
            session = f"hostile-http-session-{self.session_counter}"
            self.sessions.add(session)
            self.newest_session = session
        return session

    def initialize_result(self, request: Request) -> dict:
        requested = (request.message.get("params") or {}).get("protocolVersion")
        return {
            "jsonrpc": "2.0",
            "id": request.rpc_id,
            "result": {
                "protocolVersion": requested if requested in ("2025-03-26", "2025-06-18", "2025-11-25") else "2025-06-18",
                "capabilities": {"tools": {"listChanged": False}},
                "serverInfo": {"name": "\x1b]0;pwned\x07evil\x1b[2J", "version": "1.0\r\nforged"} if self.mode == "escape-server-info" else SERVER_INFO,
            },
        }

    @staticmethod
    def tools(request_id: object) -> dict:
        return {"jsonrpc": "2.0", "id": request_id, "result": {"tools": [
            {"name": "echo", "description": "Echo the input.", "inputSchema": {"type": "object", "properties": {"q": {"type": "string"}}}},
        ]}}

    # -- connections -----------------------------------------------------------------------

    def serve_connection(self, connection: socket.socket, origin: str) -> None:
        reader = connection.makefile("rb")
        try:
            while True:
                request = read_request(connection, reader)
                if request is None:
                    return
                self.record(request, origin)
                if origin == "other":
                    self.send(connection, "200 OK", b"{}", "application/json")
                    continue
                if not self.answer(connection, request):
                    return
        except (BrokenPipeError, ConnectionResetError, OSError):
            return
        finally:
            try:
                connection.close()
            except OSError:
                pass

    def answer(self, connection: socket.socket, request: Request) -> bool:
        """Answers one request; False closes the connection."""
        mode = self.mode
        if mode == "slow-headers":
            connection.sendall(b"HTTP/1.1 200 OK\r\n")
            while True:
                for byte in b"X-Slow: a\r\n":
                    connection.sendall(bytes([byte]))
                    time.sleep(0.5)
        if mode == "endless-headers":
            connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n")
            counter = 0
            while True:
                counter += 1
                connection.sendall(f"X-Pad-{counter}: {'a' * 200}\r\n".encode())
        if mode == "escape-body" and request.method == "POST":
            self.send(connection, "500 Internal Server Error", ESCAPES, "text/plain")
            return True
        if mode == "http-401":
            challenge = 'Bearer error="invalid_token", error_description="The access token expired", resource_metadata="http://127.0.0.1/.well-known/oauth-protected-resource"'
            self.send(connection, "401 Unauthorized", b'{"error":"invalid_token"}', "application/json", {"WWW-Authenticate": challenge})
            return True
        if mode == "http-403-scope":
            challenge = 'Bearer error="insufficient_scope", scope="files:read files:write", error_description="needs \\"files:write\\""'
            self.send(connection, "403 Forbidden", b'{"error":"insufficient_scope"}', "application/json", {"WWW-Authenticate": challenge})
            return True
        if mode == "html-502":
            page = b"<!DOCTYPE html>\n<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n<hr><center>nginx</center>\n<script>alert(1)</script>\n</body>\n</html>\n"
            self.send(connection, "502 Bad Gateway", page, "text/html")
            return True
        if mode == "redirect-other-origin":
            self.send(connection, "307 Temporary Redirect", b"", "text/plain", {"Location": f"http://127.0.0.1:{self.other_port}/mcp"})
            return True
        if mode == "redirect-same-origin" and request.path != "/moved":
            self.send(connection, "307 Temporary Redirect", b"", "text/plain", {"Location": "/moved"})
            return True
        if request.method == "GET":
            return self.answer_get(connection, request)
        if request.method == "DELETE":
            self.send(connection, "200 OK", b"", "text/plain")
            return True
        return self.answer_post(connection, request)

    def answer_get(self, connection: socket.socket, request: Request) -> bool:
        last_event = request.headers.get("last-event-id")
        if self.mode == "listen-stream" and request.headers.get("mcp-session-id") in self.sessions:
            self.start_stream(connection)
            changed = {"jsonrpc": "2.0", "method": "notifications/tools/list_changed"}
            ping = {"jsonrpc": "2.0", "id": "srv-ping-1", "method": "ping"}
            for message in (changed, ping):
                connection.sendall(b"event: message\r\ndata: " + json.dumps(message).encode() + b"\r\n\r\n")
            self.pushed.set()
            while True:  # until the client closes the stream
                time.sleep(0.2)
                connection.sendall(b": keep-alive\r\n\r\n")
        if self.mode in ("sse-resume", "sse-resume-never") and last_event in self.pending_resume:
            self.start_stream(connection)
            if self.mode == "sse-resume-never":
                connection.sendall(f"id: {last_event}\r\nretry: 100\r\ndata: \r\n\r\n".encode())
                return False
            reply = self.pending_resume.pop(last_event)
            connection.sendall(b"id: " + last_event.encode() + b"-2\r\nevent: message\r\ndata: " + json.dumps(reply).encode() + b"\r\n\r\n")
            return False
        self.send(connection, "405 Method Not Allowed", b"", "text/plain", {"Allow": "POST"})
        return True

    def answer_post(self, connection: socket.socket, request: Request) -> bool:
        mode = self.mode
        method = request.rpc_method
        session = request.headers.get("mcp-session-id")
        if method == "initialize":
            self.send_json(connection, self.initialize_result(request), {"Mcp-Session-Id": self.new_session()},
                           content_type="text/html" if mode == "wrong-content-type" else "application/json")
            return True
        known = session in self.sessions and (mode != "session-rotate" or session == self.newest_session)
        if mode == "session-404-always" or not known:
            status = "400 Bad Request" if session is None else "404 Not Found"
            error = {"jsonrpc": "2.0", "id": None, "error": {"code": -32600, "message": "Session not found"}}
            self.send(connection, status, json.dumps(error).encode(), "application/json")
            return True
        extra = {"Mcp-Session-Id": self.new_session() if mode == "session-rotate" else session}
        if request.rpc_id is None or method is None:  # notifications and the client's responses
            if request.rpc_id == "srv-ping-1":
                self.ping_answered.set()
            self.send(connection, "202 Accepted", b"", "application/json", extra)
            return True
        if method == "ping":
            self.send_json(connection, {"jsonrpc": "2.0", "id": request.rpc_id, "result": {}}, extra)
            return True
        if method != "tools/list":
            self.send_json(connection, {"jsonrpc": "2.0", "id": request.rpc_id, "error": {"code": -32601, "message": "Method not found"}}, extra)
            return True
        return self.answer_tools_list(connection, request, extra)

    def answer_tools_list(self, connection: socket.socket, request: Request, extra: dict[str, str]) -> bool:
        mode = self.mode
        request_id = request.rpc_id
        if mode == "listen-stream":
            self.pushed.wait(5)
            self.ping_answered.wait(5)
        if mode == "silent-sse":
            self.start_stream(connection, extra)
            while True:
                connection.sendall(b": still thinking\r\n\r\n")
                time.sleep(0.2)
        if mode == "huge-line":
            head = f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {FIFTY_MB}\r\n\r\n"
            connection.sendall(head.encode())
            chunk = b"A" * (1024 * 1024)
            for _ in range(50):
                connection.sendall(chunk)
            return True
        if mode == "huge-sse-line":
            self.start_stream(connection, extra)
            connection.sendall(b"event: message\r\ndata: ")
            chunk = b"A" * (1024 * 1024)
            for _ in range(50):
                connection.sendall(chunk)
            return False
        if mode == "invalid-utf8":
            reply = json.dumps(self.tools(request_id)).encode().replace(b"Echo the input.", b"Echo \xff\xfe\xc3( the \\u001b[2J input.")
            self.send(connection, "200 OK", reply, "application/json", extra)
            return True
        if mode == "escape-not-json":
            self.send(connection, "200 OK", ESCAPES, "application/json", extra)
            return True
        if mode == "escape-rpc-error":
            text = ESCAPES.decode("latin-1")
            self.send_json(connection, {"jsonrpc": "2.0", "id": request_id, "error": {"code": -32603, "message": text, "data": text}}, extra)
            return True
        if mode == "gzip-bomb":
            self.send(connection, "200 OK", self.bomb, "application/json", {**extra, "Content-Encoding": "gzip"})
            return True
        if mode == "html-200":
            self.send(connection, "200 OK", b"<html><body><h1>Welcome to nginx!</h1></body></html>\n", "text/html", extra)
            return True
        if mode == "unsolicited-reply":
            self.send_json(connection, self.tools(999999), extra)
            return True
        if mode == "stray-then-reply":
            self.start_stream(connection, extra)
            stray = {"jsonrpc": "2.0", "id": "never-sent", "result": {"tools": []}}
            connection.sendall(b"event: message\r\ndata: " + json.dumps(stray).encode() + b"\r\n\r\n")
            connection.sendall(b"event: message\r\ndata: " + json.dumps(self.tools(request_id)).encode() + b"\r\n\r\n")
            return False
        if mode in ("sse-resume", "sse-resume-never"):
            event_id = f"stream-{request_id}-0"
            self.pending_resume[event_id] = self.tools(request_id)
            self.start_stream(connection, extra)
            connection.sendall(f"id: {event_id}\r\nretry: 300\r\ndata: \r\n\r\n".encode())
            return False
        self.send_json(connection, self.tools(request_id), extra,
                       content_type="text/html" if mode == "wrong-content-type" else "application/json")
        return True


def listen(port: int) -> socket.socket:
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", port))
    server.listen(64)
    return server


def accept_forever(server: socket.socket, peer: Peer, origin: str) -> None:
    while True:
        connection, _ = server.accept()
        threading.Thread(target=peer.serve_connection, args=(connection, origin), daemon=True).start()


def main() -> None:
    parser = argparse.ArgumentParser(description="A misbehaving Streamable HTTP MCP server for Accord's tests.")
    parser.add_argument("--mode", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--other-port", type=int, help="redirect-other-origin: the origin redirected to")
    parser.add_argument("--capture", help="append one JSON line per request received to this file")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))

    peer = Peer(args.mode, args.other_port, args.capture)
    if args.mode == "gzip-bomb":  # built before listening: it takes a few seconds
        compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
        zeros = b"\0" * (1024 * 1024)
        peer.bomb = b"".join(compressor.compress(zeros) for _ in range(512)) + compressor.flush()
    if args.other_port:
        other = listen(args.other_port)
        threading.Thread(target=accept_forever, args=(other, peer, "other"), daemon=True).start()
    server = listen(args.port)
    sys.stderr.write(f"hostile-http: {args.mode} on http://127.0.0.1:{args.port}/mcp\n")
    sys.stderr.flush()
    accept_forever(server, peer, "main")


if __name__ == "__main__":
    main()
