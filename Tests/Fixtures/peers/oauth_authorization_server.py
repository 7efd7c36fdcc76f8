"""Test peer: an OAuth 2.1 authorization server built on authlib's grant engine (RFC 6749 grants,
RFC 7636 PKCE, RFC 7591 dynamic client registration), served by the standard library on 127.0.0.1.

    python oauth_authorization_server.py --port N [--client ID:SECRET]... [--expires-in S]
        [--auth-method client_secret_basic|client_secret_post] [--registration]
        [--scopes "mcp:read other"] [--issuer-path /tenant]

Endpoints (all under the issuer URL http://127.0.0.1:N[/tenant]):
  /.well-known/oauth-authorization-server[/tenant]  RFC 8414 metadata
  /authorize   auto-approves (no login page): redirects to redirect_uri with code and state
  /token       client_credentials, authorization_code (+PKCE S256, required), refresh_token
  /register    RFC 7591, open registration (public clients, token_endpoint_auth_method none)
  /introspect  RFC 7662-like, for the resource server (127.0.0.1 only, no client auth)
  /stats       {"grants": {"client_credentials": n, ...}, "registrations": n, "resources": [...],
                "auth_methods": [...], "issued": [every access and refresh token, for leak checks]}
Every token records the RFC 8707 `resource` the client asked for; introspection returns it as `aud`.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"  # plain http on 127.0.0.1 in tests

from authlib.oauth2 import AuthorizationServer  # noqa: E402
from authlib.oauth2.rfc6749 import ClientMixin, JsonPayload, JsonRequest, OAuth2Request, TokenMixin, grants  # noqa: E402
from authlib.oauth2.rfc6749.requests import BasicOAuth2Payload  # noqa: E402
from authlib.oauth2.rfc6750 import BearerTokenGenerator  # noqa: E402
from authlib.oauth2.rfc7591 import ClientRegistrationEndpoint  # noqa: E402
from authlib.oauth2.rfc7636 import CodeChallenge  # noqa: E402
from authlib.common.security import generate_token  # noqa: E402

LOCK = threading.Lock()
CLIENTS: dict[str, "Client"] = {}
CODES: dict[str, dict] = {}
TOKENS: dict[str, dict] = {}  # access token -> record
REFRESH: dict[str, dict] = {}  # refresh token -> record
STATS: dict = {"grants": {}, "registrations": 0, "resources": [], "auth_methods": [], "issued": []}


class Client(ClientMixin):
    def __init__(self, client_id, secret, redirect_uris=None, auth_method="client_secret_basic", scope=""):
        self.client_id = client_id
        self.client_secret = secret
        self.redirect_uris = redirect_uris or []
        self.auth_method = auth_method
        self.scope = scope

    def get_client_id(self):
        return self.client_id

    def get_default_redirect_uri(self):
        return self.redirect_uris[0] if self.redirect_uris else None

    def get_allowed_scope(self, scope):
        if not scope:
            return ""
        allowed = set(self.scope.split())
        return " ".join(s for s in scope.split() if s in allowed)

    def check_redirect_uri(self, redirect_uri):
        if not self.redirect_uris:  # preconfigured clients accept any loopback redirect
            return redirect_uri.startswith("http://127.0.0.1:")
        return redirect_uri in self.redirect_uris

    def check_client_secret(self, client_secret):
        return self.client_secret is not None and secrets.compare_digest(self.client_secret, client_secret)

    def check_endpoint_auth_method(self, method, endpoint):
        return method == self.auth_method or (self.auth_method != "none" and method in ARGS.auth_methods)

    def check_response_type(self, response_type):
        return response_type == "code"

    def check_grant_type(self, grant_type):
        return grant_type in ("client_credentials", "authorization_code", "refresh_token")


class Token(TokenMixin):
    def __init__(self, record):
        self.record = record

    def check_client(self, client):
        return client.client_id == self.record["client_id"]

    def get_scope(self):
        return self.record["scope"]

    def get_expires_in(self):
        return self.record["expires_in"]

    def is_expired(self):
        return False

    def is_revoked(self):
        return self.record.get("revoked", False)

    def get_user(self):
        return None

    def get_client(self):
        return CLIENTS[self.record["client_id"]]


def count(grant_type):
    with LOCK:
        STATS["grants"][grant_type] = STATS["grants"].get(grant_type, 0) + 1


class ClientCredentialsGrant(grants.ClientCredentialsGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]


class AuthorizationCodeGrant(grants.AuthorizationCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post", "none"]

    def save_authorization_code(self, code, request):
        data = request.payload.data
        CODES[code] = {
            "client_id": request.client.client_id,
            "redirect_uri": data.get("redirect_uri"),
            "scope": request.scope or "",
            "code_challenge": data.get("code_challenge"),
            "code_challenge_method": data.get("code_challenge_method"),
            "resource": data.get("resource"),
        }

    def query_authorization_code(self, code, client):
        record = CODES.get(code)
        if record and record["client_id"] == client.client_id:
            return AuthorizationCode(code, record)
        return None

    def delete_authorization_code(self, authorization_code):
        CODES.pop(authorization_code.code, None)

    def authenticate_user(self, authorization_code):
        return "terminal-user"


class AuthorizationCode:
    def __init__(self, code, record):
        self.code = code
        self.record = record
        self.code_challenge = record["code_challenge"]
        self.code_challenge_method = record["code_challenge_method"]

    def get_redirect_uri(self):
        return self.record["redirect_uri"]

    def get_scope(self):
        return self.record["scope"]


class RefreshTokenGrant(grants.RefreshTokenGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post", "none"]
    INCLUDE_NEW_REFRESH_TOKEN = True

    def authenticate_refresh_token(self, refresh_token):
        record = REFRESH.get(refresh_token)
        return Token(record) if record and not record.get("revoked") else None

    def authenticate_user(self, refresh_token):
        return "terminal-user"

    def revoke_old_credential(self, refresh_token):
        refresh_token.record["revoked"] = True


class Registration(ClientRegistrationEndpoint):
    def authenticate_token(self, request):
        return True  # open registration

    def get_server_metadata(self):
        return metadata()

    def save_client(self, client_info, client_metadata, request):
        method = client_metadata.get("token_endpoint_auth_method", "client_secret_basic")
        client = Client(
            client_info["client_id"],
            None if method == "none" else client_info["client_secret"],
            client_metadata.get("redirect_uris", []),
            method,
            client_metadata.get("scope", ARGS.scopes),
        )
        with LOCK:
            CLIENTS[client.client_id] = client
            STATS["registrations"] += 1
        return client


class Server(AuthorizationServer):
    def query_client(self, client_id):
        return CLIENTS.get(client_id)

    def save_token(self, token, request):
        resource = request.payload.data.get("resource")
        if request.payload.grant_type == "authorization_code" and request.authorization_code is not None:
            resource = resource or request.authorization_code.record.get("resource")
        if request.payload.grant_type == "refresh_token" and request.refresh_token is not None:
            resource = resource or request.refresh_token.record.get("resource")
        record = {
            "client_id": request.client.client_id,
            "scope": token.get("scope", ""),
            "expires_in": token["expires_in"],
            "expires_at": time.time() + token["expires_in"],
            "resource": resource,
        }
        with LOCK:
            TOKENS[token["access_token"]] = record
            if "refresh_token" in token:
                REFRESH[token["refresh_token"]] = dict(record)
            STATS["resources"].append(resource)
            STATS["auth_methods"].append(request.auth_method)
            # Test-only: what was issued, so a test can prove none of it leaked into Accord's output.
            STATS["issued"] += [token["access_token"]] + ([token["refresh_token"]] if "refresh_token" in token else [])
        count(request.payload.grant_type)

    def create_oauth2_request(self, request):
        return request

    def create_json_request(self, request):
        return request

    def handle_response(self, status, body, headers):
        return status, body, headers

    def send_signal(self, name, *args, **kwargs):
        pass


def metadata() -> dict:
    base = ARGS.base
    issuer = base + ARGS.issuer_path
    document = {
        "issuer": issuer,
        "authorization_endpoint": issuer + "/authorize",
        "token_endpoint": issuer + "/token",
        "introspection_endpoint": issuer + "/introspect",
        "response_types_supported": ["code"],
        "grant_types_supported": ["authorization_code", "client_credentials", "refresh_token"],
        "token_endpoint_auth_methods_supported": ARGS.auth_methods + ["none"],
        "code_challenge_methods_supported": ["S256"],
        "scopes_supported": ARGS.scopes.split(),
    }
    if ARGS.registration:
        document["registration_endpoint"] = issuer + "/register"
    return document


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, status, body, headers=()):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        sent = set()
        for name, value in headers:
            self.send_header(name, value)
            sent.add(name.lower())
        if "content-type" not in sent:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def route(self):
        path = urlsplit(self.path).path
        prefix = ARGS.issuer_path
        if path == "/.well-known/oauth-authorization-server" + prefix:
            return "metadata"
        if path.startswith(prefix):
            return path[len(prefix):]
        return path

    def do_GET(self):
        route = self.route()
        query = dict(parse_qsl(urlsplit(self.path).query))
        if route == "metadata":
            return self.reply(200, metadata())
        if route == "/stats":
            with LOCK:
                return self.reply(200, STATS)
        if route == "/authorize":
            request = FormRequest("GET", ARGS.base + self.path, dict(self.headers), query)
            status, body, headers = SERVER.create_authorization_response(request, grant_user="terminal-user")
            return self.reply(status, body if body else b"", headers)
        self.reply(404, {"error": "not_found"})

    def do_POST(self):
        route = self.route()
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode()
        if route == "/token":
            request = FormRequest("POST", ARGS.base + self.path, dict(self.headers), dict(parse_qsl(raw)))
            status, body, headers = SERVER.create_token_response(request)
            return self.reply(status, body, headers)
        if route == "/register" and ARGS.registration:
            request = JsonRequest("POST", ARGS.base + self.path, dict(self.headers))
            request.payload = StaticJson(json.loads(raw or "{}"))
            status, body, headers = SERVER.create_endpoint_response("client_registration", request)
            return self.reply(status, body, headers)
        if route == "/introspect":
            token = dict(parse_qsl(raw)).get("token", "")
            with LOCK:
                record = TOKENS.get(token)
            if not record or record["expires_at"] < time.time():
                return self.reply(200, {"active": False})
            return self.reply(200, {
                "active": True, "client_id": record["client_id"], "scope": record["scope"],
                "exp": int(record["expires_at"]), "aud": record["resource"],
            })
        self.reply(404, {"error": "not_found"})


class FormRequest(OAuth2Request):
    """An OAuth2Request over an already-parsed query or form (authlib reads both for client auth)."""

    def __init__(self, method, uri, headers, data):
        super().__init__(method, uri, headers=headers)
        self.payload = BasicOAuth2Payload(data)
        self._data = data

    @property
    def form(self):
        return self._data

    @property
    def args(self):
        return self._data


class StaticJson(JsonPayload):
    def __init__(self, data):
        self._data = data

    @property
    def data(self):
        return self._data


def main() -> None:
    global ARGS, SERVER
    parser = argparse.ArgumentParser(description="OAuth authorization server test peer (authlib)")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--client", action="append", default=[], help="ID:SECRET, a confidential client")
    parser.add_argument("--expires-in", type=int, default=3600)
    parser.add_argument("--auth-method", action="append", dest="auth_methods", default=None,
                        choices=["client_secret_basic", "client_secret_post"])
    parser.add_argument("--registration", action="store_true")
    parser.add_argument("--scopes", default="mcp:read other")
    parser.add_argument("--issuer-path", default="")
    ARGS = parser.parse_args()
    ARGS.auth_methods = ARGS.auth_methods or ["client_secret_basic", "client_secret_post"]
    ARGS.base = f"http://127.0.0.1:{ARGS.port}"
    for pair in ARGS.client:
        client_id, secret = pair.split(":", 1)
        CLIENTS[client_id] = Client(client_id, secret, auth_method=ARGS.auth_methods[0], scope=ARGS.scopes)

    SERVER = Server(scopes_supported=ARGS.scopes.split())
    SERVER.register_token_generator("default", BearerTokenGenerator(
        lambda **_: generate_token(42), lambda **_: generate_token(48),
        lambda client, grant_type: ARGS.expires_in,
    ))
    SERVER.register_grant(ClientCredentialsGrant)
    SERVER.register_grant(AuthorizationCodeGrant, [CodeChallenge(required=True)])
    SERVER.register_grant(RefreshTokenGrant)
    SERVER.register_endpoint(Registration)

    httpd = ThreadingHTTPServer(("127.0.0.1", ARGS.port), Handler)
    httpd.daemon_threads = True
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    print(f"authorization server on {ARGS.base}{ARGS.issuer_path}", file=sys.stderr, flush=True)
    httpd.serve_forever()


if __name__ == "__main__":
    main()
