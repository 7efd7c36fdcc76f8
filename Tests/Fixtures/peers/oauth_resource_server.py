"""Test peer: the "weather and notes" server (as sdk_server.py) protected by OAuth on the official
Python SDK's resource-server support: `AuthSettings` + a `TokenVerifier`. The SDK serves the
Protected Resource Metadata (RFC 9728) at /.well-known/oauth-protected-resource/mcp, answers 401
with `WWW-Authenticate: Bearer ... resource_metadata=...` and 403 insufficient_scope when the
token lacks a required scope. Tokens are verified by introspection at the authorization server
(oauth_authorization_server.py) and must have been issued for this server (`aud` = resource).

    python oauth_resource_server.py --port N --issuer URL [--required-scope mcp:read]
                                    [--no-challenge-metadata] [--log FILE]

--no-challenge-metadata drops `resource_metadata` from the challenge, so a client has to find the
metadata at the well-known URL. --log appends one line per request: its Authorization scheme and
whether the token was accepted (never the token itself).
"""

from __future__ import annotations

import argparse
import re
import sys
import warnings

import httpx

from weather_notes import INSTRUCTIONS, ProviderState, register, serve_http

from mcp.server.auth.provider import AccessToken
from mcp.server.auth.settings import AuthSettings
from mcp.server.mcpserver import MCPServer


class IntrospectingVerifier:
    """Asks the authorization server whether a token is active (RFC 7662)."""

    def __init__(self, introspection_url: str, log: str | None) -> None:
        self.url = introspection_url
        self.log = log

    async def verify_token(self, token: str) -> AccessToken | None:
        async with httpx.AsyncClient(timeout=5) as client:
            reply = (await client.post(self.url, data={"token": token})).json()
        if self.log:
            with open(self.log, "a", encoding="utf-8") as handle:
                handle.write(f"bearer active={reply.get('active')}\n")
        if not reply.get("active"):
            return None
        return AccessToken(
            token=token, client_id=reply["client_id"], scopes=(reply.get("scope") or "").split(),
            expires_at=reply.get("exp"), resource=reply.get("aud"),
        )


class DropChallengeMetadata:
    """ASGI middleware removing `resource_metadata=...` from WWW-Authenticate."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        async def rewrite(message):
            if message["type"] == "http.response.start":
                headers = []
                for name, value in message.get("headers", []):
                    if name.lower() == b"www-authenticate":
                        value = re.sub(rb',?\s*resource_metadata="[^"]*"', b"", value)
                    headers.append((name, value))
                message = dict(message, headers=headers)
            await send(message)

        await self.app(scope, receive, rewrite)


def main() -> None:
    parser = argparse.ArgumentParser(description="OAuth-protected MCP resource server test peer")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--issuer", required=True, help="the authorization server's issuer URL")
    parser.add_argument("--required-scope", default="mcp:read")
    parser.add_argument("--no-challenge-metadata", action="store_true")
    parser.add_argument("--log", default=None)
    args = parser.parse_args()
    args.json_response = False
    args.stateless = False
    args.bearer_token = None

    resource = f"http://127.0.0.1:{args.port}/mcp"
    warnings.simplefilter("ignore")
    mcp = MCPServer(
        name="accord-sdk-peer", version="1.4.0", instructions=INSTRUCTIONS, log_level="WARNING",
        token_verifier=IntrospectingVerifier(args.issuer.rstrip("/") + "/introspect", args.log),
        auth=AuthSettings(
            issuer_url=args.issuer, resource_server_url=resource,
            required_scopes=[args.required_scope], validate_token_resource=True,
        ),
    )
    register(mcp, ProviderState(None))
    app = mcp.streamable_http_app(host="127.0.0.1")
    if args.no_challenge_metadata:
        app = DropChallengeMetadata(app)
    print(f"resource server on {resource}", file=sys.stderr, flush=True)
    serve_http(app, args)


if __name__ == "__main__":
    main()
