"""Test peer: tools that need a live two-way channel, on the official Python SDK (mcp 2.x), for
the `accord record` pass-through tests. Each one fails (or waits for ever) through a proxy that
holds an SSE reply back until its stream ends.

    python interactive_server.py [--transport stdio|streamable-http] [--port N]

Tools:
  wait_for_release  reports progress 1/2, then waits (up to 10 s) for `release_waiter` to be called on
                    another request of any session; returns {"released": true|false}. With
                    ACCORD_WAIT_MARKER=FILE set it writes FILE once it waits
  release_waiter    ends a waiting wait_for_release
  confirm_booking   asks the client to confirm (elicitation/create, sent on the call's SSE stream)
                    and books only when it accepts
  ask_model         asks the client's model (sampling/createMessage) and returns its answer
  announce          sends notifications/tools/list_changed, which the SDK sends on the session's
                    GET stream (it is tied to no request)
"""

from __future__ import annotations

import asyncio
import os

from pydantic import BaseModel
from weather_notes import exit_on_sigterm, parse_arguments, serve_http

from mcp.server.mcpserver import Context, MCPServer
from mcp_types import SamplingMessage, TextContent


class Confirmation(BaseModel):
    confirm: bool


class Released(BaseModel):
    released: bool


def build() -> MCPServer:
    mcp = MCPServer(name="accord-interactive-peer", version="0.3.0", log_level="WARNING")
    release = asyncio.Event()

    @mcp.tool(description="Report progress, then wait for release (at most 10 s).")
    async def wait_for_release(ctx: Context) -> Released:
        release.clear()
        await ctx.report_progress(1, 2, "waiting for release")
        if marker := os.environ.get("ACCORD_WAIT_MARKER"):
            with open(marker, "w", encoding="utf-8") as handle:
                handle.write("waiting\n")
        try:
            await asyncio.wait_for(release.wait(), timeout=10)
            released = True
        except asyncio.TimeoutError:
            released = False
        await ctx.report_progress(2, 2, "done")
        return Released(released=released)

    @mcp.tool(description="End a waiting wait_for_release.")
    async def release_waiter() -> str:
        release.set()
        return "released"

    @mcp.tool(description="Book a trip once the client confirms it (elicitation).")
    async def confirm_booking(destination: str, ctx: Context) -> str:
        answer = await ctx.elicit(f"Book the trip to {destination}?", schema=Confirmation)
        if answer.action == "accept" and answer.data.confirm:
            return f"booked {destination}"
        return f"not booked ({answer.action})"

    @mcp.tool(description="Ask the client's model a question (sampling).")
    async def ask_model(question: str, ctx: Context) -> str:
        result = await ctx.session.create_message(
            [SamplingMessage(role="user", content=TextContent(type="text", text=question))],
            max_tokens=50,
            related_request_id=ctx.request_id,
        )
        return f"the model said: {result.content.text}"

    @mcp.tool(description="Send notifications/tools/list_changed (on the GET stream).")
    async def announce(ctx: Context) -> str:
        await ctx.session.send_tool_list_changed()
        return "announced"

    return mcp


def main() -> None:
    args = parse_arguments("Accord interactive test peer on mcp 2.x (MCPServer)")
    mcp = build()
    if args.transport == "stdio":
        exit_on_sigterm()
        mcp.run("stdio")
    else:
        serve_http(mcp.streamable_http_app(host="127.0.0.1", json_response=args.json_response, stateless_http=args.stateless), args)


if __name__ == "__main__":
    main()
