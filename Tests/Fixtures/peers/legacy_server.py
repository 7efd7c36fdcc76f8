"""Test peer: the "weather and notes" server on mcp 1.x (FastMCP), handshake era only.

Run it with the legacy venv (mcp==1.27.0). README.md beside this file records the observed wire
behaviour.

    python legacy_server.py [--transport stdio|streamable-http|sse] [--port N]
                            [--json-response] [--stateless] [--bearer-token TOKEN]
                            [--state-file PATH]
"""

from __future__ import annotations

import warnings

warnings.simplefilter("ignore")  # pydantic-settings warns about FastMCP 1.x's settings model on stderr

from weather_notes import INSTRUCTIONS, ProviderState, exit_on_sigterm, parse_arguments, register, serve_http

from mcp.server.fastmcp import FastMCP


def main() -> None:
    args = parse_arguments("Accord test peer on mcp 1.x (FastMCP), handshake era only")
    mcp = FastMCP(
        name="accord-legacy-peer",
        instructions=INSTRUCTIONS,
        log_level="WARNING",
        host="127.0.0.1",
        port=args.port,
        json_response=args.json_response,
        stateless_http=args.stateless,
    )
    mcp._mcp_server.version = "0.9.0"  # FastMCP 1.x has no version argument; pin it for snapshots
    register(mcp, ProviderState(args.state_file))

    if args.transport == "stdio":
        exit_on_sigterm()
        mcp.run("stdio")
    elif args.transport == "sse":
        serve_http(mcp.sse_app(), args)
    else:
        serve_http(mcp.streamable_http_app(), args)


if __name__ == "__main__":
    main()
