"""Test peer: a 2026-07-28 (modern era) Streamable HTTP server that checks request headers the
way the spec's "Server Validation" section demands. Standard library only.

--port N on 127.0.0.1, endpoint /mcp. POST only (GET/DELETE get 405). Every request must carry
MCP-Protocol-Version equal to params._meta's version, Mcp-Method equal to the method, and for
tools/call Mcp-Name equal to the tool name; else 400 with JSON-RPC error -32020.

Tools (tools/list, one page):
  execute_sql  region (string, x-mcp-header "Region"), query (string), options.limit (integer,
               x-mcp-header "Limit", nested), confirm (boolean, x-mcp-header "Confirm"),
               greeting (string, x-mcp-header "Greeting"; may be non-ASCII)
  plain        no annotations
  broken       x-mcp-header on a property below "items" (invalid: not statically reachable)

tools/call validates every Mcp-Param-{Name} the called tool declares against the arguments
(decoding "=?base64?...?=" values; integers compared numerically): a value present in the body
needs its header, an absent one must send none. A mismatch is 400 + -32020. A valid call returns
{"content":[{"type":"text","text": <JSON of the Mcp-Param-* headers received>}]}.

server/discover answers supportedVersions ["2026-07-28"]. handshake-era requests (initialize)
get 400 with -32022 listing the supported versions. SIGTERM exits 0.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

VERSION = "2026-07-28"
META_VERSION = "io.modelcontextprotocol/protocolVersion"
SERVER_INFO = {"name": "accord-param-header-peer", "version": "1.0.0"}

TOOLS = [
    {
        "name": "execute_sql",
        "description": "Execute SQL in a region.",
        "inputSchema": {
            "type": "object",
            "properties": {
                "region": {"type": "string", "x-mcp-header": "Region"},
                "query": {"type": "string"},
                "options": {"type": "object", "properties": {"limit": {"type": "integer", "x-mcp-header": "Limit"}}},
                "confirm": {"type": "boolean", "x-mcp-header": "Confirm"},
                "greeting": {"type": "string", "x-mcp-header": "Greeting"},
            },
            "required": ["region", "query"],
        },
    },
    {"name": "plain", "description": "No mirrored parameters.", "inputSchema": {"type": "object", "properties": {"q": {"type": "string"}}}},
    {
        "name": "broken",
        "description": "An annotation below items: invalid.",
        "inputSchema": {"type": "object", "properties": {"rows": {"type": "array", "items": {"type": "string", "x-mcp-header": "Row"}}}},
    },
]

# Header name part -> path of the annotated property, per tool.
DECLARED = {"execute_sql": {"Region": ["region"], "Limit": ["options", "limit"], "Confirm": ["confirm"], "Greeting": ["greeting"]}}


def decode(value: str) -> str:
    if value.startswith("=?base64?") and value.endswith("?="):
        return base64.b64decode(value[len("=?base64?"):-2]).decode("utf-8")
    return value


def text_of(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)) and float(value).is_integer():
        return str(int(value))
    return str(value)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        sys.stderr.write("param-header-peer: " + format % args + "\n")

    def reply(self, status: int, message: dict | None) -> None:
        body = json.dumps(message).encode() if message is not None else b""
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def error(self, status: int, request_id: object, code: int, message: str, data: object = None) -> None:
        error = {"code": code, "message": message}
        if data is not None:
            error["data"] = data
        self.reply(status, {"jsonrpc": "2.0", "id": request_id, "error": error})

    def do_GET(self) -> None:
        self.reply(405, None)

    do_DELETE = do_GET

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        message = json.loads(self.rfile.read(length) or b"{}")
        request_id = message.get("id")
        method = message.get("method")
        params = message.get("params") or {}
        version = (params.get("_meta") or {}).get(META_VERSION)
        if version is None:
            self.error(400, request_id, -32022, "Unsupported protocol version", {"supported": [VERSION]})
            return
        if self.headers.get("MCP-Protocol-Version") != version:
            self.error(400, request_id, -32020, "Header mismatch: MCP-Protocol-Version")
            return
        if self.headers.get("Mcp-Method") != method:
            self.error(400, request_id, -32020, "Header mismatch: Mcp-Method")
            return
        if method == "server/discover":
            self.reply(200, {"jsonrpc": "2.0", "id": request_id, "result": {
                "supportedVersions": [VERSION], "capabilities": {"tools": {}}, "ttlMs": 0, "cacheScope": "none",
                "resultType": "complete", "_meta": {"io.modelcontextprotocol/serverInfo": SERVER_INFO}}})
        elif method == "tools/list":
            self.reply(200, {"jsonrpc": "2.0", "id": request_id, "result": {"tools": TOOLS, "ttlMs": 0, "cacheScope": "none", "resultType": "complete"}})
        elif method == "tools/call":
            self.call(request_id, params)
        else:
            self.error(404, request_id, -32601, "Method not found")

    def call(self, request_id: object, params: dict) -> None:
        name = params.get("name")
        if decode(self.headers.get("Mcp-Name") or "") != name:
            self.error(400, request_id, -32020, "Header mismatch: Mcp-Name")
            return
        arguments = params.get("arguments") or {}
        received = {key: decode(value) for key, value in self.headers.items() if key.lower().startswith("mcp-param-")}
        for header, path in DECLARED.get(name, {}).items():
            value: object = arguments
            for key in path:
                value = value.get(key) if isinstance(value, dict) else None
            expected = text_of(value)
            sent = next((decode(v) for k, v in self.headers.items() if k.lower() == f"mcp-param-{header.lower()}"), None)
            if sent != expected:
                self.error(400, request_id, -32020, f"Header mismatch: Mcp-Param-{header} is {sent!r}, the body says {expected!r}")
                return
        text = json.dumps({key.lower(): value for key, value in sorted(received.items())}, ensure_ascii=False)
        self.reply(200, {"jsonrpc": "2.0", "id": request_id, "result": {"content": [{"type": "text", "text": text}], "resultType": "complete"}})


def main() -> None:
    parser = argparse.ArgumentParser(description="A modern-era MCP server that validates request headers.")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    sys.stderr.write(f"param-header-peer on http://127.0.0.1:{args.port}/mcp\n")
    sys.stderr.flush()
    server.serve_forever()


if __name__ == "__main__":
    main()
