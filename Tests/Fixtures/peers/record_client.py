"""An agent stand-in for the `accord record` tests: the official SDK's ClientSession drives one
scenario against a server, over stdio (the command after --) or Streamable HTTP (--url), and
prints what it got as one JSON document on stdout, so a test can compare the answers seen
directly with those seen through the proxy.

Usage: record_client.py SCENARIO [--url URL] [--secret TOKEN] [--era handshake|modern] [-- COMMAND ARGS...]

Scenarios:
  time      mcp-server-time: get_current_time three times (UTC, Europe/Paris, UTC) and convert_time
  demo      accord-demo-server: every list, get_invoice twice with the same shape, list_invoices,
            an isError call, a fixed resource, a template resource, a prompt; --secret also sends
            the token inside send_invoice_reminder's message
  progress  sdk_server.py: count_down with a progress callback (notifications pass through)
  echo      crash_server.py: one echo call, then a normal goodbye
  crash     crash_server.py: echo, then the call that makes the server exit
  hang-up   crash_server.py: echo, then a slow call the client abandons by exiting
  release   interactive_server.py: wait_for_release, and release_waiter sent only once its first
            progress notification has arrived (a proxy that holds progress back until the
            result leaves the tool waiting: "released" is then false)
  elicit    interactive_server.py: confirm_booking (the client accepts the elicitation) and
            ask_model (the client's sampling callback answers), each mid-call
  announce  interactive_server.py: announce until notifications/tools/list_changed arrives (on
            the GET stream; at most 10 tries)
  pending   interactive_server.py: wait_for_release, never released; prints "pending" once its
            progress arrived, then the call's outcome
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client


def dump(result) -> object:
    return result.model_dump(mode="json", by_alias=True, exclude_none=True)


async def time_scenario(session: ClientSession, args) -> dict:
    tools = await session.list_tools()
    calls = []
    for zone in ["UTC", "Europe/Paris", "UTC"]:
        calls.append(dump(await session.call_tool("get_current_time", {"timezone": zone})))
    calls.append(dump(await session.call_tool("convert_time", {"source_timezone": "UTC", "time": "14:30", "target_timezone": "Asia/Tokyo"})))
    return {"tools": sorted(tool.name for tool in tools.tools), "calls": calls}


async def demo_scenario(session: ClientSession, args) -> dict:
    lists = {
        "tools": sorted(t.name for t in (await session.list_tools()).tools),
        "resources": sorted(str(r.uri) for r in (await session.list_resources()).resources),
        "templates": sorted(t.uri_template for t in (await session.list_resource_templates()).resource_templates),
        "prompts": sorted(p.name for p in (await session.list_prompts()).prompts),
    }
    calls = [
        dump(await session.call_tool("get_invoice", {"invoiceId": "INV-1001"})),
        dump(await session.call_tool("get_invoice", {"invoiceId": "INV-1001"})),
        dump(await session.call_tool("list_invoices", {"status": "overdue"})),
        dump(await session.call_tool("get_invoice", {"invoiceId": "INV-9999"})),
        dump(await session.read_resource("ledgerly://config")),
        dump(await session.read_resource("ledgerly://invoices/INV-1003")),
        dump(await session.get_prompt("draft_payment_reminder", {"invoiceId": "INV-1003"})),
    ]
    if args.secret:
        calls.append(dump(await session.call_tool("send_invoice_reminder", {"invoiceId": "INV-1003", "channel": "email", "message": f"Authorised with {args.secret}"})))
    return {"lists": lists, "calls": calls}


async def progress_scenario(session: ClientSession, args) -> dict:
    seen = []

    async def on_progress(progress, total, message):
        seen.append(progress)

    result = await session.call_tool("count_down", {"n": 3}, progress_callback=on_progress)
    return {"result": dump(result), "progress": seen}


async def echo_scenario(session: ClientSession, args) -> dict:
    return dump(await session.call_tool("echo", {"message": "hello"}))


async def crash_scenario(session: ClientSession, args) -> dict:
    first = dump(await session.call_tool("echo", {"message": "hello"}))
    try:
        await session.call_tool("crash", {})
        return {"first": first, "error": None}
    except Exception as error:  # the proxy answers with a JSON-RPC error
        return {"first": first, "error": str(error)}


async def hang_up_scenario(session: ClientSession, args) -> dict:
    first = dump(await session.call_tool("echo", {"message": "hello"}))
    asyncio.ensure_future(session.call_tool("slow", {}))
    await asyncio.sleep(0.5)
    print(json.dumps({"first": first}), flush=True)
    os._exit(0)  # disconnect mid-call: no goodbye, stdin just closes


async def release_scenario(session: ClientSession, args) -> dict:
    events: list[str] = []
    first_progress = asyncio.Event()

    async def on_progress(progress, total, message):
        events.append(f"progress {progress:g}/{total:g}")
        first_progress.set()

    async def release_after_progress():
        # From the callback itself the release would wait on the reader that runs the callback.
        await first_progress.wait()
        events.append("release sent")
        await session.call_tool("release_waiter", {})

    releaser = asyncio.ensure_future(release_after_progress())
    result = await session.call_tool("wait_for_release", {}, progress_callback=on_progress)
    events.append("result")
    releaser.cancel()
    return {"result": dump(result), "events": events}


async def elicit_scenario(session: ClientSession, args) -> dict:
    return {"booking": dump(await session.call_tool("confirm_booking", {"destination": "Lisbon"})),
            "model": dump(await session.call_tool("ask_model", {"question": "Which city?"})),
            "asked": ASKED}


async def announce_scenario(session: ClientSession, args) -> dict:
    for _ in range(10):  # the SDK opens its GET stream in the background after initialize
        await session.call_tool("announce", {})
        try:
            await asyncio.wait_for(LIST_CHANGED.wait(), timeout=1)
            return {"notified": True}
        except asyncio.TimeoutError:
            continue
    return {"notified": False}


async def pending_scenario(session: ClientSession, args) -> dict:
    async def on_progress(progress, total, message):
        if progress == 1:
            print("pending", flush=True)

    try:
        result = await session.call_tool("wait_for_release", {}, progress_callback=on_progress)
        return {"result": dump(result)}
    except Exception as error:  # the recording stopped while the call was open
        return {"error": str(error)}


SCENARIOS = {"pending": pending_scenario, "time": time_scenario, "demo": demo_scenario, "progress": progress_scenario,
             "echo": echo_scenario, "crash": crash_scenario, "hang-up": hang_up_scenario,
             "release": release_scenario, "elicit": elicit_scenario, "announce": announce_scenario}

# What the server asked the client (elicitation messages, sampling prompts), in order.
ASKED: list[str] = []
LIST_CHANGED = asyncio.Event()


async def on_elicit(context, params):
    from mcp_types import ElicitResult
    ASKED.append(f"elicit: {params.message}")
    return ElicitResult(action="accept", content={"confirm": True})


async def on_sampling(context, params):
    from mcp_types import CreateMessageResult, TextContent
    ASKED.append(f"sample: {params.messages[0].content.text}")
    return CreateMessageResult(role="assistant", content=TextContent(type="text", text="Lisbon"), model="fixture-model")


async def on_message(message):
    if getattr(message, "method", None) == "notifications/tools/list_changed" or "ToolListChanged" in type(message).__name__ \
            or "ToolListChanged" in type(getattr(message, "root", None)).__name__:
        LIST_CHANGED.set()


async def run(args, command) -> dict:
    async def drive(read, write):
        async with ClientSession(read, write, elicitation_callback=on_elicit, sampling_callback=on_sampling, message_handler=on_message) as session:
            if args.era == "modern":
                await session.discover()
            else:
                await session.initialize()
            return await SCENARIOS[args.scenario](session, args)

    if args.url:
        from mcp.client.streamable_http import streamable_http_client
        async with streamable_http_client(args.url) as (read, write):
            return await drive(read, write)
    parameters = StdioServerParameters(command=command[0], args=command[1:], env=dict(os.environ))
    async with stdio_client(parameters) as (read, write):
        return await drive(read, write)


def main() -> None:
    argv = sys.argv[1:]
    command: list[str] = []
    if "--" in argv:
        split = argv.index("--")
        argv, command = argv[:split], argv[split + 1:]
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario", choices=sorted(SCENARIOS))
    parser.add_argument("--url")
    parser.add_argument("--secret")
    parser.add_argument("--era", choices=["handshake", "modern"], default="handshake")
    args = parser.parse_args(argv)
    if args.url and command:
        parser.error("give either --url or a server command, not both")
    if not args.url and not command:
        parser.error("give a server command after -- or --url")
    print(json.dumps(asyncio.run(run(args, command)), sort_keys=True))


if __name__ == "__main__":
    main()
