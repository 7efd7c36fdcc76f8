"""A real MCP client for the Swift tests that drive a server (`accord mock`): the official SDK's
`ClientSession` (mcp 2.x, or mcp 1.x when run with the legacy venv's python) or fastmcp's
`Client`, over stdio (it spawns the command) or Streamable HTTP.

    python mcp_client.py --client sdk|fastmcp --url http://127.0.0.1:N/mcp --steps STEPS
    python mcp_client.py --client sdk --steps STEPS -- COMMAND ARGS...

STEPS is a JSON list run in order; each entry gives one entry of the output's "steps":

    {"op": "tools"}                       -> {"names": [...]}       (also "resources", "templates", "prompts")
    {"op": "call", "name": N, "arguments": {...}, "meta": {...}}  -> {"result": {...}} | {"error": {...}}
    {"op": "read", "uri": U, "meta": {...}}                        -> {"result": {...}} | {"error": {...}}
    {"op": "prompt", "name": N, "arguments": {...}, "meta": {...}} -> {"result": {...}} | {"error": {...}}

Prints one JSON document: {"client", "protocolVersion", "serverInfo", "instructions", "steps"}.
`--errlog FILE` keeps the spawned server's stderr (stdio). `--mode` is fastmcp's era choice: `auto`
(its discover probe has a short timeout, so on a loaded machine it may fall back to the
handshake), `legacy`, or a modern version such as `2026-07-28` to speak that era for certain. Exit 0 unless the client itself fails.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from typing import Any


def dump(model: Any) -> Any:
    return json.loads(model.model_dump_json(by_alias=True, exclude_none=True))


def attr(model: Any, snake: str, camel: str) -> Any:
    """mcp 2.x names fields in snake_case, mcp 1.x in camelCase."""
    return getattr(model, snake, None) if hasattr(model, snake) else getattr(model, camel, None)


async def every_page(method: Any, items: str, items_camel: str) -> list[Any]:
    """Follows nextCursor the way a careful consumer does."""
    collected, cursor, seen = [], None, set()
    while True:
        if not cursor:
            page = await method()
        else:
            try:  # mcp 2.x: keyword params only
                from mcp_types import PaginatedRequestParams
                page = await method(params=PaginatedRequestParams(cursor=cursor))
            except ImportError:  # mcp 1.x
                page = await method(cursor)
        collected += attr(page, items, items_camel)
        cursor = attr(page, "next_cursor", "nextCursor")
        if not cursor or cursor in seen:
            return collected
        seen.add(cursor)


def error_of(exc: BaseException) -> dict[str, Any]:
    error = getattr(exc, "error", None)
    if error is not None and hasattr(error, "code"):
        return {"code": error.code, "message": error.message, "type": type(exc).__name__}
    return {"message": str(exc), "type": type(exc).__name__}


async def run_sdk(args: argparse.Namespace, steps: list[dict[str, Any]]) -> dict[str, Any]:
    from mcp import ClientSession, StdioServerParameters, stdio_client

    try:  # mcp 2.x
        from mcp.client.streamable_http import streamable_http_client as http_client
    except ImportError:  # mcp 1.x
        from mcp.client.streamable_http import streamablehttp_client as http_client

    errlog = open(args.errlog, "w") if args.errlog else sys.stderr
    if args.url:
        transport = http_client(args.url)
    else:
        transport = stdio_client(StdioServerParameters(command=args.command[0], args=args.command[1:]), errlog=errlog)
    async with transport as streams:
        read, write = streams[0], streams[1]
        async with ClientSession(read, write) as session:
            initialized = await session.initialize()
            out = {
                "client": "sdk",
                "protocolVersion": attr(initialized, "protocol_version", "protocolVersion"),
                "serverInfo": dump(attr(initialized, "server_info", "serverInfo")),
                "instructions": initialized.instructions,
                "steps": [],
            }
            for step in steps:
                out["steps"].append(await sdk_step(session, step))
            return out


async def sdk_step(session: Any, step: dict[str, Any]) -> dict[str, Any]:
    op = step["op"]
    try:
        if op == "tools":
            return {"names": [tool.name for tool in await every_page(session.list_tools, "tools", "tools")]}
        if op == "resources":
            return {"names": [str(r.uri) for r in await every_page(session.list_resources, "resources", "resources")]}
        if op == "templates":
            templates = await every_page(session.list_resource_templates, "resource_templates", "resourceTemplates")
            return {"names": [attr(t, "uri_template", "uriTemplate") for t in templates]}
        if op == "prompts":
            return {"names": [p.name for p in await every_page(session.list_prompts, "prompts", "prompts")]}
        meta = step.get("meta")
        if op == "call":
            if meta is None:
                result = await session.call_tool(step["name"], step.get("arguments", {}))
            else:
                result = await session.call_tool(step["name"], step.get("arguments", {}), meta=meta)
        elif op == "read":
            result = await session.read_resource(step["uri"])
        elif op == "prompt":
            result = await session.get_prompt(step["name"], step.get("arguments", {}))
        else:
            raise SystemExit(f"unknown op {op}")
        return {"result": dump(result)}
    except Exception as exc:  # an MCP error is an expected outcome here
        return {"error": error_of(exc)}


async def run_fastmcp(args: argparse.Namespace, steps: list[dict[str, Any]]) -> dict[str, Any]:
    from fastmcp import Client
    from fastmcp.client.transports import StdioTransport, StreamableHttpTransport

    if args.url:
        transport = StreamableHttpTransport(args.url)
    else:
        transport = StdioTransport(command=args.command[0], args=args.command[1:], log_file=open(args.errlog, "w") if args.errlog else None)
    # Request timeouts as long as the whole run: on a loaded CI machine a reply may wait its turn.
    client = Client(transport, mode=args.mode, timeout=args.timeout, init_timeout=args.timeout)
    async with client:
        session = client.session
        out = {
            "client": "fastmcp",
            "protocolVersion": getattr(session, "protocol_version", None),
            "serverInfo": dump(session.server_info) if getattr(session, "server_info", None) else None,
            "instructions": getattr(session, "instructions", None),
            "steps": [],
        }
        if args.mode not in ("auto", "legacy") and out["serverInfo"] is None:
            # A pinned modern version is adopted without a probe: ask server/discover itself.
            # send_discover waits a fixed DISCOVER_TIMEOUT_SECONDS (10 s), too short on a loaded
            # CI machine; the whole run has its own bound (--timeout).
            import mcp.client.session as sdk_session
            sdk_session.DISCOVER_TIMEOUT_SECONDS = args.timeout
            raw = await session.send_discover(args.mode)
            out["serverInfo"] = (raw.get("_meta") or {}).get("io.modelcontextprotocol/serverInfo")
            out["instructions"] = raw.get("instructions")
        for step in steps:
            out["steps"].append(await fastmcp_step(client, step))
        return out


async def fastmcp_step(client: Any, step: dict[str, Any]) -> dict[str, Any]:
    op = step["op"]
    try:
        if op == "tools":
            return {"names": [tool.name for tool in await client.list_tools()]}
        if op == "resources":
            return {"names": [str(r.uri) for r in await client.list_resources()]}
        if op == "templates":
            return {"names": [t.uri_template for t in await client.list_resource_templates()]}
        if op == "prompts":
            return {"names": [p.name for p in await client.list_prompts()]}
        if op == "call":
            result = await client.call_tool_mcp(step["name"], step.get("arguments", {}), meta=step.get("meta"))
            return {"result": dump(result)}
        if op == "read":
            return {"result": {"contents": [dump(c) for c in await client.read_resource(step["uri"])]}}
        if op == "prompt":
            return {"result": dump(await client.get_prompt(step["name"], step.get("arguments", {})))}
        raise SystemExit(f"unknown op {op}")
    except Exception as exc:
        return {"error": error_of(exc)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--client", choices=["sdk", "fastmcp"], default="sdk")
    parser.add_argument("--url")
    parser.add_argument("--steps", default="[]")
    parser.add_argument("--errlog")
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--mode", default="auto", help="fastmcp: auto (probe server/discover, fall back to initialize), legacy, or a modern version")
    parser.add_argument("command", nargs="*")
    args = parser.parse_args()
    if not args.url and not args.command:
        raise SystemExit("give --url URL or -- COMMAND ARGS...")
    steps = json.loads(args.steps)
    runner = run_sdk if args.client == "sdk" else run_fastmcp
    out = asyncio.run(asyncio.wait_for(runner(args, steps), args.timeout))
    print(json.dumps(out, sort_keys=True))


if __name__ == "__main__":
    main()
