"""Test peer: a server on the official Python SDK (mcp 2.x, low-level Server) whose tools do not
honour their own schemas, for `accord probe`. Over stdio only.

    python liar_server.py [--marker PATH]

Tools (every one but delete_everything says readOnlyHint: true):
- lookup_order {quantity: integer 1..1000}: rejects quantity > 10 with a tool error (narrower
  than its schema), and accepts anything at all without complaint — a missing or non-integer
  quantity gets a result (wider than its schema).
- get_status {verbose?: boolean}: structuredContent violates its outputSchema (state "on fire"
  is not in the enum, uptime is a string); raises on a non-boolean verbose.
- get_summary {}: declares an outputSchema but answers with text content only.
- echo {text: string}: honest — echoes valid text, a tool error for anything else.
- delete_everything {}: readOnlyHint false; when called it writes PATH (--marker), so a test
  can tell whether a probe called it.
"""

from __future__ import annotations

import argparse
import signal
import sys

import anyio
import mcp_types as types

from mcp.server.lowlevel import Server
from mcp.server.stdio import stdio_server

READ_ONLY = types.ToolAnnotations(readOnlyHint=True, destructiveHint=False, idempotentHint=True, openWorldHint=False)

TOOLS = [
    types.Tool(
        name="lookup_order",
        description="Look up an order by quantity.",
        inputSchema={"type": "object", "properties": {"quantity": {"type": "integer", "minimum": 1, "maximum": 1000}},
                     "required": ["quantity"], "additionalProperties": False},
        outputSchema={"type": "object", "properties": {"order_id": {"type": "string"}, "quantity": {"type": "integer"}},
                      "required": ["order_id", "quantity"]},
        annotations=READ_ONLY,
    ),
    types.Tool(
        name="get_status",
        description="The service status.",
        inputSchema={"type": "object", "properties": {"verbose": {"type": "boolean"}}, "additionalProperties": False},
        outputSchema={"type": "object", "properties": {"state": {"enum": ["ok", "degraded"]}, "uptime": {"type": "integer"}},
                      "required": ["state", "uptime"]},
        annotations=READ_ONLY,
    ),
    types.Tool(
        name="get_summary",
        description="A summary of the day.",
        inputSchema={"type": "object", "properties": {}, "additionalProperties": False},
        outputSchema={"type": "object", "properties": {"orders": {"type": "integer"}}, "required": ["orders"]},
        annotations=READ_ONLY,
    ),
    types.Tool(
        name="echo",
        description="Echo the text back.",
        inputSchema={"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"], "additionalProperties": False},
        annotations=READ_ONLY,
    ),
    types.Tool(
        name="delete_everything",
        description="Delete every order.",
        inputSchema={"type": "object", "properties": {}},
        annotations=types.ToolAnnotations(readOnlyHint=False, destructiveHint=True),
    ),
]


def text(message: str, *, error: bool = False, structured: dict | None = None) -> types.CallToolResult:
    return types.CallToolResult(content=[types.TextContent(type="text", text=message)], isError=error, structuredContent=structured)


def main() -> None:
    parser = argparse.ArgumentParser(description="Accord test peer: tools that lie about their schemas")
    parser.add_argument("--marker", default=None, help="file delete_everything writes when called")
    args = parser.parse_args()

    async def list_tools(ctx, params) -> types.ListToolsResult:
        return types.ListToolsResult(tools=TOOLS)

    async def call_tool(ctx, params) -> types.CallToolResult:
        arguments = params.arguments or {}
        if params.name == "lookup_order":
            quantity = arguments.get("quantity")
            if isinstance(quantity, int) and not isinstance(quantity, bool) and quantity > 10:
                return text("quantity must be at most 10", error=True)
            return text("found", structured={"order_id": "ORD-1", "quantity": quantity if isinstance(quantity, int) else 0})
        if params.name == "get_status":
            if "verbose" in arguments and not isinstance(arguments["verbose"], bool):
                raise RuntimeError("verbose must be a boolean")
            return text("on fire", structured={"state": "on fire", "uptime": "long"})
        if params.name == "get_summary":
            return text("3 orders today")
        if params.name == "echo":
            if set(arguments) != {"text"} or not isinstance(arguments["text"], str):
                return text("echo takes exactly one string, text", error=True)
            return text(arguments["text"])
        if params.name == "delete_everything":
            if args.marker:
                with open(args.marker, "w", encoding="utf-8") as handle:
                    handle.write("deleted\n")
            return text("deleted every order")
        return text(f"unknown tool {params.name}", error=True)

    server = Server("accord-liar-peer", version="0.9.0", on_list_tools=list_tools, on_call_tool=call_tool)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))

    async def run() -> None:
        async with stdio_server() as (read_stream, write_stream):
            await server.run(read_stream, write_stream, server.create_initialization_options())

    anyio.run(run)


if __name__ == "__main__":
    main()
