"""Test peer: plays the browser of an authorization-code flow. Waits (at most 60 s) for the
authorization URL Accord prints to FILE (its stderr), opens it, and follows the redirects, so the
authorization server's auto-approval lands on Accord's loopback listener. Prints the last
response's status, and "state-tampered" mode sends a wrong state instead.

    python oauth_browser.py FILE [--tamper-state]
"""

from __future__ import annotations

import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request


def main() -> None:
    path = sys.argv[1]
    tamper = "--tamper-state" in sys.argv
    deadline = time.time() + 60
    url = None
    while time.time() < deadline and url is None:
        try:
            with open(path, encoding="utf-8") as handle:
                match = re.search(r"(http://127\.0\.0\.1:\d+/\S*authorize\?\S+)", handle.read())
            url = match.group(1) if match else None
        except OSError:
            pass
        time.sleep(0.1)
    if url is None:
        print("no authorization URL appeared", file=sys.stderr)
        sys.exit(1)

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        opener.open(url, timeout=10)
        print("the authorization endpoint did not redirect", file=sys.stderr)
        sys.exit(1)
    except urllib.error.HTTPError as redirect:
        location = redirect.headers["Location"]
    if tamper:
        parts = urllib.parse.urlsplit(location)
        query = dict(urllib.parse.parse_qsl(parts.query))
        query["state"] = "forged"
        location = urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))
    with urllib.request.urlopen(location, timeout=10) as reply:
        print(reply.status)


if __name__ == "__main__":
    main()
