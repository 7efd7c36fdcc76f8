"""Writes a contract with N tools/call interactions against the demo server (Ledgerly 1.0.0).

Usage: make_contract.py N OUT.yaml
"""
import sys

count, out = int(sys.argv[1]), sys.argv[2]
lines = ["accord-contract: 1", "consumer: benchmark", "provider: ledgerly", "interactions:"]
for index in range(count):
    invoice = f"INV-100{1 + index % 3}"
    lines += [
        f"  - name: fetch {index}",
        "    call: tools/call",
        "    tool: get_invoice",
        f"    arguments: {{ invoiceId: {invoice} }}",
        "    expect:",
        f"      structuredContent: {{ invoiceId: {invoice}, totalCents: {{ $integer: true }}, lines: {{ $eachLike: {{ description: {{ $like: x }} }} }} }}",
    ]
with open(out, "w", encoding="utf-8") as handle:
    handle.write("\n".join(lines) + "\n")
