"""Shared by sdk_server.py (mcp 2.x) and legacy_server.py (mcp 1.x): the "weather and notes"
definitions, the command-line flags, the bearer-token gate and the uvicorn runner.

Both SDKs expose the same decorators (`tool`, `resource`, `prompt` with title, description,
annotations, icons, meta, structured_output), so one registration serves both servers and their
tool lists differ only where the SDKs themselves differ.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
from typing import Annotated, Any

from pydantic import BaseModel, Field

try:  # mcp 2.x ships the protocol types as their own package
    from mcp_types import Icon, ToolAnnotations

    from mcp.server.mcpserver import Context
except ImportError:  # mcp 1.x
    from mcp.server.fastmcp import Context
    from mcp.types import Icon, ToolAnnotations

INSTRUCTIONS = "Weather and notes for tests. Call get_forecast before add_note."


def parse_arguments(description: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--transport", choices=["stdio", "streamable-http", "sse"], default="stdio")
    parser.add_argument("--port", type=int, default=8000, help="HTTP port on 127.0.0.1")
    parser.add_argument("--json-response", action="store_true", help="Streamable HTTP: JSON replies, not SSE")
    parser.add_argument("--stateless", action="store_true", help="Streamable HTTP: no Mcp-Session-Id")
    parser.add_argument("--bearer-token", default=None, help="HTTP: require Authorization: Bearer TOKEN")
    parser.add_argument("--state-file", default=None, help="JSON file re-read on every tools/call")
    args = parser.parse_args()
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING)
    return args


class ProviderState:
    """The --state-file, re-read on every call so a test's provider-state hook can change answers live."""

    def __init__(self, path: str | None) -> None:
        self.path = path

    def read(self) -> dict[str, Any]:
        if not self.path:
            return {}
        try:
            with open(self.path, encoding="utf-8") as handle:
                value = json.load(handle)
        except (OSError, ValueError):
            return {}
        return value if isinstance(value, dict) else {}


class Forecast(BaseModel):
    """Structured forecast; the typed return gives the tool an outputSchema."""

    city: str
    temperature_c: float = Field(description="Temperature in degrees Celsius")
    conditions: str
    humidity: int = Field(ge=0, le=100)


def register(mcp: Any, state: ProviderState) -> None:
    """Five tools, one resource, one resource template, one prompt."""
    notes: list[str] = []

    @mcp.tool(title="Get forecast", description="Forecast for a city (structured output).")
    def get_forecast(
        city: Annotated[str, Field(description="City name", min_length=1)],
        days: Annotated[int, Field(ge=1, le=7, description="Days ahead")] = 1,
    ) -> Forecast:
        forecast = state.read().get("forecast", {})
        return Forecast(
            city=city,
            temperature_c=float(forecast.get("temperature_c", 21.5)),
            conditions=str(forecast.get("conditions", "sunny")),
            humidity=int(forecast.get("humidity", 40)),
        )

    @mcp.tool(
        title="Add note",
        description="Append a note to the in-memory notebook.",
        annotations=ToolAnnotations(
            title="Add note",
            readOnlyHint=False,
            destructiveHint=False,
            idempotentHint=False,
            openWorldHint=False,
        ),
        meta={"com.example/owner": "notes-team"},
    )
    def add_note(text: str, tags: list[str] | None = None) -> str:
        notes.append(text)
        return f"note {len(notes)} saved"

    @mcp.tool(
        description="List the notes saved so far.",
        icons=[Icon(src="https://example.com/notes.png", mimeType="image/png", sizes=["48x48"])],
    )
    def list_notes() -> dict[str, Any]:
        saved = state.read().get("notes", notes)
        return {"count": len(saved), "notes": list(saved)}

    @mcp.tool(description="Echo the input back (plain text, no outputSchema).", structured_output=False)
    def echo(message: str) -> str:
        return message

    @mcp.tool(description="Count down from n, sending a log notification and a progress notification per step.")
    async def count_down(n: Annotated[int, Field(ge=0, le=5)], ctx: Context) -> int:
        for step in range(n, 0, -1):
            await ctx.info(f"{step}...")
            await ctx.report_progress(n - step + 1, n)
        return n

    @mcp.resource(
        "notes://all",
        name="all-notes",
        title="All notes",
        description="Every note, one per line.",
        mime_type="text/plain",
    )
    def all_notes() -> str:
        return "\n".join(notes)

    @mcp.resource(
        "weather://{city}/current",
        name="current-weather",
        description="Current weather for a city as JSON.",
        mime_type="application/json",
    )
    def current_weather(city: str) -> str:
        return json.dumps({"city": city, "temperature_c": 21.5})

    @mcp.prompt(title="Plan a trip", description="Plan a trip given a destination and a length.")
    def plan_trip(destination: str, days: str = "3") -> str:
        return f"Plan a {days}-day trip to {destination}, using get_forecast first."


class BearerGate:
    """ASGI middleware: an HTTP request without `Authorization: Bearer <token>` gets 401."""

    def __init__(self, app: Any, token: str) -> None:
        self.app = app
        self.expected = f"Bearer {token}".encode()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and dict(scope.get("headers") or []).get(b"authorization") != self.expected:
            body = b'{"error":"invalid_token","error_description":"missing or wrong bearer token"}'
            await send(
                {
                    "type": "http.response.start",
                    "status": 401,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"content-length", str(len(body)).encode()),
                        (b"www-authenticate", b'Bearer realm="accord-test"'),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)


def serve_http(app: Any, args: argparse.Namespace) -> None:
    """Run an ASGI app on 127.0.0.1:PORT; logs on stderr only; SIGTERM exits 0 within ~1 s."""
    import uvicorn

    if args.bearer_token:
        app = BearerGate(app, args.bearer_token)
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=args.port,
        log_level="warning",
        access_log=False,  # uvicorn's access log would go to stdout
        log_config=None,
        timeout_graceful_shutdown=1,  # open SSE streams would hold a graceful shutdown forever
    )
    # uvicorn shuts down on SIGTERM, then re-raises the signal to the previous handler:
    # make that handler a clean exit.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    uvicorn.Server(config).run()


def exit_on_sigterm() -> None:
    """For stdio: end at once on SIGTERM with status 0 (stdin EOF already ends the SDK's loop)."""
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
