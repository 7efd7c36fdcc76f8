"""Test peer: a raw stdio JSON-RPC server (no SDK) that writes its definitions byte for byte.

Handshake era only. Its tool list comes in two pages, carries unknown fields at several depths,
`_meta`, `icons`, `execution`, annotations, and numbers whose text a faithful client must keep
(`1.0`, `1e21`, `-0.0`, `12345678901234567890123`). Standard library only.

    python faithful_server.py                  serve on stdin/stdout
    python faithful_server.py --dump-expected  print the definitions exactly as served:
        {"serverInfo":…,"capabilities":…,"instructions":…,
         "tools":[…both pages…],"resources":[…],"resourceTemplates":[…],"prompts":[…]}

Requests: initialize, ping, tools/list (cursor "page-2"), tools/call, resources/list,
resources/read, resources/templates/list, prompts/list, prompts/get. Anything else, including
server/discover, gets -32601. README.md beside this file lists the replies.
"""

from __future__ import annotations

import json
import os
import signal
import sys

SUPPORTED_VERSIONS = ("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25")
LATEST_VERSION = "2025-11-25"

# Every definition is JSON text, never a Python value, so numbers keep their spelling.
SERVER_INFO = '{"name":"accord-faithful-peer","version":"3.0.0","title":"Faithful Peer","x-build":{"commit":"abc123"}}'
CAPABILITIES = (
    '{"tools":{"listChanged":true},"resources":{"subscribe":false,"listChanged":false},'
    '"prompts":{"listChanged":false},"x-vendor-telemetry":{"enabled":true,"sampleRate":1.0}}'
)
INSTRUCTIONS = '"Faithful peer: definitions are sent byte for byte. Zürich \\"quoted\\"."'

TOOL_SEARCH = (
    '{"name":"search","title":"Search documents",'
    '"description":"Full-text search over documents in Zürich.",'
    '"inputSchema":{"type":"object","properties":{'
    '"query":{"type":"string","minLength":1,"x-vendor":{"analyzer":"icu","boost":1.0}},'
    '"limit":{"type":"integer","minimum":1,"maximum":1e21,"default":10},'
    '"threshold":{"type":"number","minimum":-0.0,"maximum":1.0,"default":1.0},'
    '"cursor":{"type":["string","null"]}},'
    '"required":["query"],"additionalProperties":false},'
    '"outputSchema":{"type":"object","properties":{'
    '"total":{"type":"integer","minimum":0},'
    '"hits":{"type":"array","items":{"type":"object","properties":{'
    '"id":{"type":"string"},"score":{"type":"number","maximum":1.0}},"required":["id","score"]}}},'
    '"required":["total","hits"]},'
    '"annotations":{"title":"Search","readOnlyHint":true,"destructiveHint":false,'
    '"idempotentHint":true,"openWorldHint":false},'
    '"icons":[{"src":"https://example.com/search.svg","mimeType":"image/svg+xml","sizes":["any"]}],'
    '"execution":{"taskSupport":"optional"},'
    '"_meta":{"com.example/owner":"search-team","com.example/rank":2.50},'
    '"x-vendor":{"tier":"gold","limits":{"rpm":600,"burst":1e3}}}'
)
TOOL_CONVERT = (
    '{"name":"convert","description":"Convert an amount between units.",'
    '"inputSchema":{"type":"object","properties":{'
    '"amount":{"type":"number","exclusiveMinimum":-0.0,"maximum":1e21,"multipleOf":0.01},'
    '"serial":{"type":"integer","default":12345678901234567890123},'
    '"unit":{"type":"string","enum":["m","km","mi"],"default":"m"}},'
    '"required":["amount"]}}'
)
TOOL_BROKEN_OUTPUT = (
    '{"name":"broken_output","description":"Returns structuredContent that violates its outputSchema.",'
    '"inputSchema":{"type":"object"},'
    '"outputSchema":{"type":"object","properties":{"count":{"type":"integer"}},"required":["count"]}}'
)
TOOL_ARCHIVE = (
    '{"name":"archive","description":"Archive a document (destructive).",'
    '"inputSchema":{"type":"object","properties":{"id":{"type":"string","pattern":"^doc-[0-9]+$"}},'
    '"required":["id"]},'
    '"annotations":{"destructiveHint":true,"idempotentHint":false},'
    '"_meta":{"com.example/deprecated":{"since":"2.0.0","sunset":"2026-01-31","replacement":"search"}}}'
)
TOOLS_PAGE_1 = [TOOL_SEARCH, TOOL_CONVERT]
TOOLS_PAGE_2 = [TOOL_BROKEN_OUTPUT, TOOL_ARCHIVE]
NEXT_CURSOR = "page-2"

RESOURCES = [
    '{"uri":"docs://readme","name":"readme","title":"Read me","description":"The read-me.",'
    '"mimeType":"text/markdown","size":1024,'
    '"annotations":{"audience":["user","assistant"],"priority":0.50,"lastModified":"2025-01-01T00:00:00Z"},'
    '"_meta":{"x-etag":"W/\\"1\\""}}'
]
RESOURCE_TEMPLATES = [
    '{"uriTemplate":"docs://{collection}/{id}{?version}","name":"document","description":"One document.",'
    '"mimeType":"application/json","x-vendor":{"cache":true}}'
]
PROMPTS = [
    '{"name":"summarise","title":"Summarise","description":"Summarise a document.",'
    '"arguments":[{"name":"id","description":"Document id","required":true},'
    '{"name":"style","title":"Style","required":false,"x-vendor":{"choices":["short","long"]}}],'
    '"icons":[{"src":"data:image/png;base64,iVBORw0KGgo=","mimeType":"image/png"}]}'
]

READ_RESULT = '{"contents":[{"uri":"docs://readme","mimeType":"text/markdown","text":"# Read me\\n"}]}'
PROMPT_RESULT = (
    '{"description":"Summarise a document.","messages":[{"role":"user",'
    '"content":{"type":"text","text":"Summarise the document."}}]}'
)
SEARCH_RESULT = (
    '{"content":[{"type":"text","text":"{\\"total\\":1,\\"hits\\":[{\\"id\\":\\"doc-1\\",\\"score\\":1.0}]}"}],'
    '"structuredContent":{"total":1,"hits":[{"id":"doc-1","score":1.0}]},"isError":false}'
)
BROKEN_RESULT = (
    '{"content":[{"type":"text","text":"{\\"count\\":\\"three\\"}"}],'
    '"structuredContent":{"count":"three"},"isError":false}'
)


def json_list(items: list[str]) -> str:
    return "[" + ",".join(items) + "]"


def expected_definitions() -> str:
    return (
        '{"serverInfo":' + SERVER_INFO
        + ',"capabilities":' + CAPABILITIES
        + ',"instructions":' + INSTRUCTIONS
        + ',"tools":' + json_list(TOOLS_PAGE_1 + TOOLS_PAGE_2)
        + ',"resources":' + json_list(RESOURCES)
        + ',"resourceTemplates":' + json_list(RESOURCE_TEMPLATES)
        + ',"prompts":' + json_list(PROMPTS)
        + "}"
    )


def text_result(text: str, is_error: bool) -> str:
    return '{"content":[{"type":"text","text":' + json.dumps(text) + '}],"isError":' + ("true" if is_error else "false") + "}"


def handle(method: str, params: dict) -> tuple[str | None, tuple[int, str] | None]:
    """Returns (result JSON text, None) or (None, (error code, message))."""
    if method == "initialize":
        requested = params.get("protocolVersion")
        version = requested if requested in SUPPORTED_VERSIONS else LATEST_VERSION
        result = (
            '{"protocolVersion":' + json.dumps(version) + ',"capabilities":' + CAPABILITIES
            + ',"serverInfo":' + SERVER_INFO + ',"instructions":' + INSTRUCTIONS + "}"
        )
        return result, None
    if method == "ping":
        return "{}", None
    if method == "tools/list":
        if params.get("cursor") == NEXT_CURSOR:
            return '{"tools":' + json_list(TOOLS_PAGE_2) + "}", None
        return '{"tools":' + json_list(TOOLS_PAGE_1) + ',"nextCursor":' + json.dumps(NEXT_CURSOR) + "}", None
    if method == "tools/call":
        name = params.get("name")
        if name == "search":
            return SEARCH_RESULT, None
        if name == "broken_output":
            return BROKEN_RESULT, None
        if name in ("convert", "archive"):
            return text_result(f"{name}: done", False), None
        return text_result(f"Unknown tool: {name}", True), None
    if method == "resources/list":
        return '{"resources":' + json_list(RESOURCES) + "}", None
    if method == "resources/templates/list":
        return '{"resourceTemplates":' + json_list(RESOURCE_TEMPLATES) + "}", None
    if method == "resources/read":
        if params.get("uri") == "docs://readme":
            return READ_RESULT, None
        return None, (-32002, f"Resource not found: {params.get('uri')}")
    if method == "prompts/list":
        return '{"prompts":' + json_list(PROMPTS) + "}", None
    if method == "prompts/get":
        if params.get("name") == "summarise":
            return PROMPT_RESULT, None
        return None, (-32602, f"Unknown prompt: {params.get('name')}")
    return None, (-32601, "Method not found")


def write_line(text: str) -> None:
    sys.stdout.buffer.write(text.encode("utf-8") + b"\n")
    sys.stdout.buffer.flush()


def serve() -> None:
    for raw in sys.stdin.buffer:
        line = raw.strip()
        if not line:
            continue
        try:
            message = json.loads(line)
        except ValueError:
            write_line('{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}')
            continue
        if not isinstance(message, dict) or "method" not in message:
            continue  # a response or something odd: nothing to answer
        if "id" not in message:
            continue  # notification
        request_id = json.dumps(message["id"])
        params = message.get("params") or {}
        result, error = handle(message["method"], params if isinstance(params, dict) else {})
        if error is not None:
            code, text = error
            data = ',"data":' + json.dumps(message["method"]) if code == -32601 else ""
            write_line(
                '{"jsonrpc":"2.0","id":' + request_id + ',"error":{"code":' + str(code)
                + ',"message":' + json.dumps(text) + data + "}}"
            )
        else:
            write_line('{"jsonrpc":"2.0","id":' + request_id + ',"result":' + result + "}")


def main() -> None:
    if "--dump-expected" in sys.argv[1:]:
        write_line(expected_definitions())
        return
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    try:
        serve()
    except (BrokenPipeError, KeyboardInterrupt):
        pass


if __name__ == "__main__":
    main()
