"""Test peer: the "weather and notes" server on the official Python SDK, mcp 2.x (MCPServer).

Speaks both eras (handshake era 2024-11-05 … 2025-11-25 and the stateless 2026-07-28 era) over
stdio, Streamable HTTP (SSE or JSON replies, stateful or stateless) and legacy HTTP+SSE.
README.md beside this file records the observed wire behaviour.

    python sdk_server.py [--transport stdio|streamable-http|sse] [--port N]
                         [--json-response] [--stateless] [--bearer-token TOKEN]
                         [--state-file PATH]
"""

from __future__ import annotations

from weather_notes import INSTRUCTIONS, ProviderState, exit_on_sigterm, parse_arguments, register, serve_http

from mcp.server.mcpserver import MCPServer


def main() -> None:
    args = parse_arguments("Accord test peer on mcp 2.x (MCPServer)")
    mcp = MCPServer(name="accord-sdk-peer", version="1.4.0", instructions=INSTRUCTIONS, log_level="WARNING")
    register(mcp, ProviderState(args.state_file))

    if args.transport == "stdio":
        exit_on_sigterm()
        mcp.run("stdio")
    elif args.transport == "sse":
        serve_http(mcp.sse_app(host="127.0.0.1"), args)
    else:
        app = mcp.streamable_http_app(host="127.0.0.1", json_response=args.json_response, stateless_http=args.stateless)
        serve_http(app, args)


if __name__ == "__main__":
    main()
