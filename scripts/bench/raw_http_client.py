"""The time of N tools/call requests in one Streamable HTTP session: a minimal client (standard
library only) that initializes, sends the N calls and reads the N replies (a JSON body or an SSE
stream), then ends the session with DELETE. Prints seconds.

Usage: raw_http_client.py [--parallel K] N URL
--parallel K keeps K calls in flight at once, one keep-alive connection each (throughput);
without it each call is sent only after the previous reply (latency).
"""
import http.client
import json
import sys
import threading
import time
from urllib.parse import urlparse

arguments = sys.argv[1:]
parallel = 1
if arguments[:1] == ["--parallel"]:
    parallel, arguments = int(arguments[1]), arguments[2:]
count, url = int(arguments[0]), urlparse(arguments[1])
headers = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream"}


def post(connection, message, extra=None):
    connection.request("POST", url.path, json.dumps(message), {**headers, **(extra or {})})
    response = connection.getresponse()
    body = response.read()
    if response.status >= 300:
        raise SystemExit(f"HTTP {response.status}: {body[:200]!r}")
    if response.getheader("Content-Type", "").startswith("text/event-stream"):
        for line in body.decode().splitlines():
            if line.startswith("data:") and '"id"' in line:
                return response, json.loads(line[5:])
        return response, None
    return response, (json.loads(body) if body.strip() else None)


def connect():
    return http.client.HTTPConnection(url.hostname, url.port, timeout=30)


start = time.monotonic()
first = connect()
response, _ = post(first, {"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {
    "protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "bench", "version": "1"}}})
session = {"Mcp-Session-Id": response.getheader("Mcp-Session-Id"), "MCP-Protocol-Version": "2025-11-25"}
post(first, {"jsonrpc": "2.0", "method": "notifications/initialized"}, session)


def calls(worker):
    connection = first if worker == 0 else connect()
    for index in range(worker, count, parallel):
        _, reply = post(connection, {"jsonrpc": "2.0", "id": index + 1, "method": "tools/call",
                                     "params": {"name": "get_invoice", "arguments": {"invoiceId": f"INV-100{1 + index % 3}"}}}, session)
        if not reply or reply.get("id") != index + 1 or "result" not in reply:
            raise SystemExit(f"bad reply to call {index + 1}: {reply}")


threads = [threading.Thread(target=calls, args=(worker,)) for worker in range(parallel)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
first.request("DELETE", url.path, headers=session)
first.getresponse().read()
print(f"{time.monotonic() - start:.3f}")
