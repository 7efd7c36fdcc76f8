"""The server's own time for N tools/call requests: a minimal stdio client that starts the server,
initializes, writes all N requests at once (pipelined) and reads the N replies. Prints seconds.

Usage: raw_client.py [--sequential] N SERVER [ARGS...]
--sequential sends each request only after the previous reply (latency, not throughput).
"""
import json
import subprocess
import sys
import time

arguments = sys.argv[1:]
sequential = arguments[:1] == ["--sequential"]
if sequential:
    arguments = arguments[1:]
count, command = int(arguments[0]), arguments[1:]
start = time.monotonic()
server = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)


def send(message):
    server.stdin.write((json.dumps(message) + "\n").encode())


def reply():
    while True:
        line = server.stdout.readline()
        if not line:
            raise SystemExit("the server closed stdout")
        message = json.loads(line)
        if "id" in message and ("result" in message or "error" in message):
            return message


send({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {
    "protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "bench", "version": "1"}}})
server.stdin.flush()
reply()
send({"jsonrpc": "2.0", "method": "notifications/initialized"})
for index in range(count):
    invoice = f"INV-100{1 + index % 3}"
    send({"jsonrpc": "2.0", "id": index + 1, "method": "tools/call", "params": {"name": "get_invoice", "arguments": {"invoiceId": invoice}}})
    if sequential:
        server.stdin.flush()
        reply()
server.stdin.flush()
for _ in range(0 if sequential else count):
    reply()
server.stdin.close()
server.wait(timeout=10)
print(f"{time.monotonic() - start:.3f}")
