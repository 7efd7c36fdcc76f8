"""The floor for a snapshot: a minimal stdio client that starts the server, initializes, lists
what the server's capabilities announce (tools, resources, resource templates, prompts), writes
the results as JSON to stdout and stops the server. Prints nothing else.

Usage: raw_snapshot_client.py SERVER [ARGS...]
"""
import json
import subprocess
import sys

server = subprocess.Popen(sys.argv[1:], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
next_id = 0


def request(method, params=None):
    global next_id
    next_id += 1
    server.stdin.write((json.dumps({"jsonrpc": "2.0", "id": next_id, "method": method, "params": params or {}}) + "\n").encode())
    server.stdin.flush()
    while True:
        message = json.loads(server.stdout.readline() or b'{"id": null, "error": "closed"}')
        if message.get("id") == next_id or "error" in message and message.get("id") is None:
            return message.get("result", {})


capabilities = request("initialize", {"protocolVersion": "2025-11-25", "capabilities": {},
                                      "clientInfo": {"name": "bench", "version": "1"}}).get("capabilities", {})
server.stdin.write(b'{"jsonrpc": "2.0", "method": "notifications/initialized"}\n')
listed = {}
for capability, method, key in [("tools", "tools/list", "tools"), ("resources", "resources/list", "resources"),
                                 ("resources", "resources/templates/list", "resourceTemplates"), ("prompts", "prompts/list", "prompts")]:
    if capability in capabilities:
        listed[key] = request(method).get(key, [])
server.stdin.close()
server.wait(timeout=10)
json.dump(listed, sys.stdout)
