"""Test peer: a misbehaving MCP server, one misbehaviour per --mode. Standard library only.

stdio modes (newline-delimited JSON-RPC on stdin/stdout):
  exit-before-reply   reads the first request, prints "fatal: database locked at /var/lib/x" on
                      stderr and exits 1 without answering
  escape-stderr       like exit-before-reply, but its stderr lines are terminal escape codes
                      (clear screen, window title, a forged coloured line) and invalid UTF-8
  stdout-noise        a normal small server that prints non-JSON lines (and a blank line) on
                      stdout before and between its replies
  invalid-json        answers initialize with a truncated JSON line, then reads and never answers
  never-reply         reads everything, answers nothing; stays alive after stdin EOF until SIGTERM
                      (with --ignore-sigterm, only SIGKILL ends it)
  repeated-cursor     tools/list always answers one tool and nextCursor "same"
  duplicate-tools     tools/list holds two tools named "dup"
  huge-list           tools/list is one ~20 MB line: --count tools (4000) with big schemas
  crash-mid-list      tools/list writes half a reply, prints "panic: list exploded" on stderr and
                      exits 3
  stray-messages      before each reply: a notification, a server->client request (ping, id
                      "srv-N"), and an error response to an id the client never sent ("never-sent")

HTTP modes (--port N, on 127.0.0.1, endpoint /mcp; any path is accepted):
  http-500            every request gets 500 text/plain
  http-401            every request gets 401 with WWW-Authenticate: Bearer realm="accord-test"
  http-404            every request gets 404 text/plain (no JSON-RPC body)
  sse-cut             initialize works (SSE reply, Mcp-Session-Id); tools/list answers
                      text/event-stream and closes the connection in the middle of an event
  session-expire      the first session dies at its first request after initialize (404
                      "Session not found"); the client must re-initialize; later sessions live on
  http-hang           accepts the request and never answers

Every mode exits 0 on SIGTERM (unless --ignore-sigterm) and, for stdio, on stdin EOF (except
never-reply). README.md beside this file has the details.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STDIO_MODES = (
    "exit-before-reply",
    "escape-stderr",
    "stdout-noise",
    "invalid-json",
    "never-reply",
    "repeated-cursor",
    "duplicate-tools",
    "huge-list",
    "crash-mid-list",
    "stray-messages",
)
HTTP_MODES = ("http-500", "http-401", "http-404", "sse-cut", "session-expire", "http-hang")

SERVER_INFO = {"name": "accord-hostile-peer", "version": "0.0.1"}
VERSIONS = ("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25")


def log(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def write_raw(data: bytes) -> None:
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def write_message(message: dict) -> None:
    write_raw(json.dumps(message, separators=(",", ":")).encode() + b"\n")


def simple_tool(name: str, description: str) -> dict:
    return {
        "name": name,
        "description": description,
        "inputSchema": {"type": "object", "properties": {"q": {"type": "string"}}},
    }


def initialize_result(params: dict) -> dict:
    requested = params.get("protocolVersion")
    return {
        "protocolVersion": requested if requested in VERSIONS else VERSIONS[-1],
        "capabilities": {"tools": {"listChanged": False}},
        "serverInfo": SERVER_INFO,
    }


def huge_tool(index: int) -> dict:
    properties = {
        f"field_{index}_{n}": {
            "type": "string",
            "description": f"Property {n} of tool {index}. " + "Lorem ipsum dolor sit amet. " * 4,
            "maxLength": 1000 + n,
            "enum": [f"value-{index}-{n}-{k}" for k in range(3)],
        }
        for n in range(18)
    }
    return {
        "name": f"tool_{index:05d}",
        "description": f"Generated tool number {index}.",
        "inputSchema": {"type": "object", "properties": properties, "required": [f"field_{index}_0"]},
    }


class StdioPeer:
    """A small correct server whose answers each mode bends."""

    def __init__(self, mode: str, count: int) -> None:
        self.mode = mode
        self.count = count
        self.stray = 0

    def tools_list(self, params: dict) -> dict:
        if self.mode == "repeated-cursor":
            return {"tools": [simple_tool("loop", "Returned on every page.")], "nextCursor": "same"}
        if self.mode == "duplicate-tools":
            return {"tools": [simple_tool("dup", "First of two."), simple_tool("dup", "Second of two."), simple_tool("unique", "Only one.")]}
        if self.mode == "huge-list":
            return {"tools": [huge_tool(i) for i in range(self.count)]}
        return {"tools": [simple_tool("echo", "Echo the input.")]}

    def answer(self, request_id: object, method: str, params: dict) -> None:
        if self.mode == "stray-messages":
            self.send_strays()
        if method == "initialize":
            if self.mode == "invalid-json":
                write_raw(b'{"jsonrpc":"2.0","id":' + json.dumps(request_id).encode() + b',"result":{"protocolVersion":"2025-11-25","capabilities":{\n')
                return
            write_message({"jsonrpc": "2.0", "id": request_id, "result": initialize_result(params)})
        elif self.mode == "invalid-json":
            return  # after the broken reply, silence
        elif method == "ping":
            write_message({"jsonrpc": "2.0", "id": request_id, "result": {}})
        elif method == "tools/list":
            if self.mode == "crash-mid-list":
                reply = json.dumps({"jsonrpc": "2.0", "id": request_id, "result": self.tools_list(params)}).encode()
                write_raw(reply[: len(reply) // 2])
                log("panic: list exploded")
                os._exit(3)
            write_message({"jsonrpc": "2.0", "id": request_id, "result": self.tools_list(params)})
        elif method == "tools/call":
            text = json.dumps((params.get("arguments") or {}).get("q", ""))
            write_message({"jsonrpc": "2.0", "id": request_id, "result": {"content": [{"type": "text", "text": text}], "isError": False}})
        else:
            write_message({"jsonrpc": "2.0", "id": request_id, "error": {"code": -32601, "message": "Method not found", "data": method}})

    def send_strays(self) -> None:
        self.stray += 1
        write_message({"jsonrpc": "2.0", "method": "notifications/message", "params": {"level": "info", "data": "hello"}})
        write_message({"jsonrpc": "2.0", "id": f"srv-{self.stray}", "method": "ping"})
        write_message({"jsonrpc": "2.0", "id": "never-sent", "error": {"code": -32603, "message": "stray", "data": "a string, not an object"}})

    def run(self) -> None:
        if self.mode == "stdout-noise":
            write_raw(b"Starting hostile server v0.0.1 ...\nlistening on stdio\n")
        for raw in sys.stdin.buffer:
            line = raw.strip()
            if not line:
                continue
            if self.mode == "escape-stderr":
                sys.stderr.buffer.write(b"\x1b[2J\x1b]0;pwned\x07\x1b[32mPASS: all contracts verified\x1b[0m\n")
                sys.stderr.buffer.write(b"bad bytes \xff\xfe\xc3( end\r::error::forged annotation\n")
                sys.stderr.flush()
                sys.exit(1)
            if self.mode == "exit-before-reply":
                log("hostile: loading database")
                log("fatal: database locked at /var/lib/x")
                sys.exit(1)
            if self.mode == "never-reply":
                continue
            try:
                message = json.loads(line)
            except ValueError:
                continue
            if not isinstance(message, dict) or "method" not in message or "id" not in message:
                continue  # notifications and the client's own responses
            if self.mode == "stdout-noise":
                write_raw(b"DEBUG handling " + message["method"].encode() + b"\n\n")
            self.answer(message["id"], message["method"], message.get("params") or {})
        if self.mode == "never-reply":
            while True:  # stdin closed; wait for a signal
                time.sleep(3600)


class HostileHTTPHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    mode = "http-500"
    sessions: set[str] = set()
    session_counter = 0
    lock = threading.Lock()

    def log_message(self, format: str, *args: object) -> None:
        log("hostile-http: " + format % args)

    def read_body(self) -> dict:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        try:
            value = json.loads(body or b"null")
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def send_bytes(self, status: int, body: bytes, content_type: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def send_sse_message(self, message: dict, extra: dict[str, str]) -> None:
        body = b"event: message\r\ndata: " + json.dumps(message).encode() + b"\r\n\r\n"
        self.send_bytes(200, body, "text/event-stream", extra)

    def new_session(self) -> str:
        with self.lock:
            HostileHTTPHandler.session_counter += 1
            session = f"hostile-session-{HostileHTTPHandler.session_counter}"
            self.sessions.add(session)
        return session

    def handle_any(self) -> None:
        mode = self.mode
        if mode == "http-hang":
            time.sleep(3600)
            return
        if mode == "http-500":
            self.read_body()
            self.send_bytes(500, b"Internal Server Error: database unavailable\n", "text/plain; charset=utf-8")
            return
        if mode == "http-401":
            self.read_body()
            body = b'{"error":"invalid_token","error_description":"token expired"}'
            self.send_bytes(401, body, "application/json", {"WWW-Authenticate": 'Bearer realm="accord-test", error="invalid_token"'})
            return
        if mode == "http-404":
            self.read_body()
            self.send_bytes(404, b"Not Found\n", "text/plain; charset=utf-8")
            return
        if self.command != "POST":
            self.send_bytes(405, b"", "text/plain", {"Allow": "POST"})
            return
        message = self.read_body()
        method = message.get("method")
        request_id = message.get("id")
        session = self.headers.get("Mcp-Session-Id")
        if method == "initialize":
            new = self.new_session()
            result = {"jsonrpc": "2.0", "id": request_id, "result": initialize_result(message.get("params") or {})}
            self.send_sse_message(result, {"Mcp-Session-Id": new})
            return
        if session is None or session not in self.sessions:
            status = 400 if session is None else 404
            error = {"jsonrpc": "2.0", "id": None, "error": {"code": -32600, "message": "Session not found" if session else "Bad Request: Missing session ID"}}
            self.send_bytes(status, json.dumps(error).encode(), "application/json")
            return
        if request_id is None:  # notification
            self.send_bytes(202, b"", "application/json")
            return
        if mode == "session-expire" and session == "hostile-session-1":
            self.sessions.discard(session)  # the first session dies at its first request
            error = {"jsonrpc": "2.0", "id": None, "error": {"code": -32600, "message": "Session not found"}}
            self.send_bytes(404, json.dumps(error).encode(), "application/json")
            return
        if method == "tools/list" and mode == "sse-cut":
            reply = json.dumps({"jsonrpc": "2.0", "id": request_id, "result": {"tools": [simple_tool("echo", "Echo the input.")] * 20}}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(b"event: message\r\ndata: " + reply[: len(reply) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        if method == "tools/list":
            result = {"jsonrpc": "2.0", "id": request_id, "result": {"tools": [simple_tool("echo", "Echo the input.")]}}
        elif method == "ping":
            result = {"jsonrpc": "2.0", "id": request_id, "result": {}}
        else:
            result = {"jsonrpc": "2.0", "id": request_id, "error": {"code": -32601, "message": "Method not found", "data": method}}
        self.send_sse_message(result, {"Mcp-Session-Id": session})

    do_POST = handle_any
    do_GET = handle_any
    do_DELETE = handle_any


def serve_http(mode: str, port: int) -> None:
    HostileHTTPHandler.mode = mode
    server = ThreadingHTTPServer(("127.0.0.1", port), HostileHTTPHandler)
    server.daemon_threads = True
    log(f"hostile-http: {mode} on http://127.0.0.1:{port}/mcp")
    server.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser(description="A misbehaving MCP server for Accord's tests.")
    parser.add_argument("--mode", required=True, choices=STDIO_MODES + HTTP_MODES)
    parser.add_argument("--port", type=int, default=8000, help="HTTP modes: port on 127.0.0.1")
    parser.add_argument("--count", type=int, default=4000, help="huge-list: number of tools")
    parser.add_argument("--ignore-sigterm", action="store_true", help="only SIGKILL ends the process")
    args = parser.parse_args()

    if args.ignore_sigterm:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    else:
        signal.signal(signal.SIGTERM, lambda *_: os._exit(0))

    if args.mode in HTTP_MODES:
        serve_http(args.mode, args.port)
        return
    try:
        StdioPeer(args.mode, args.count).run()
    except BrokenPipeError:
        os._exit(0)


if __name__ == "__main__":
    main()
