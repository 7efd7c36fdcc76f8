"""A small raw stdio MCP server (stdlib only) for `accord record`'s fault tests: tools `echo`,
`crash` (the process exits with status 3 before answering, after writing half a line) and
`slow` (answers after 30 s, so a client can hang up mid-call). Handshake era only.
`--linger SECONDS` keeps the process alive that long after stdin closes (a server slow to exit).
"""
import json
import sys
import time

TOOLS = [
    {"name": "echo", "description": "Echoes a message.", "inputSchema": {"type": "object", "properties": {"message": {"type": "string"}}, "required": ["message"]}},
    {"name": "crash", "description": "Exits mid-reply.", "inputSchema": {"type": "object", "properties": {}}},
    {"name": "slow", "description": "Answers after 30 s.", "inputSchema": {"type": "object", "properties": {}}},
]


def send(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


LINGER = float(sys.argv[sys.argv.index("--linger") + 1]) if "--linger" in sys.argv else 0.0

for line in sys.stdin:
    if not line.strip():
        continue
    message = json.loads(line)
    method, ident = message.get("method"), message.get("id")
    if ident is None:
        continue
    if method == "initialize":
        send({"jsonrpc": "2.0", "id": ident, "result": {"protocolVersion": "2025-06-18", "capabilities": {"tools": {}}, "serverInfo": {"name": "crash-peer", "version": "0.1.0"}}})
    elif method == "tools/list":
        send({"jsonrpc": "2.0", "id": ident, "result": {"tools": TOOLS}})
    elif method == "tools/call" and message["params"]["name"] == "echo":
        text = message["params"].get("arguments", {}).get("message", "")
        send({"jsonrpc": "2.0", "id": ident, "result": {"content": [{"type": "text", "text": text}], "isError": False}})
    elif method == "tools/call" and message["params"]["name"] == "crash":
        sys.stdout.write('{"jsonrpc": "2.0", "id": ' + json.dumps(ident) + ', "result": {"cont')
        sys.stdout.flush()
        print("crash-peer: fatal: exploding on purpose", file=sys.stderr, flush=True)
        sys.exit(3)
    elif method == "tools/call" and message["params"]["name"] == "slow":
        time.sleep(30)
        send({"jsonrpc": "2.0", "id": ident, "result": {"content": [{"type": "text", "text": "late"}], "isError": False}})
    else:
        send({"jsonrpc": "2.0", "id": ident, "error": {"code": -32601, "message": "Method not found"}})

time.sleep(LINGER)
