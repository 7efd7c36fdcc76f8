"""accord-mcp: installs Accord, the contract tester for MCP servers, as the `accord` command."""

import os
import sys
import sysconfig


def find_accord_bin():
    """The path of the installed `accord` executable.

    pip installs it into the scripts folder of the scheme the package went into (a venv's
    bin/, ~/.local/bin for --user, ...); look there first, then on PATH.
    """
    name = "accord"
    candidates = [sysconfig.get_path("scripts")]
    user_scheme = {"posix": "posix_user", "nt": "nt_user"}.get(os.name)
    if user_scheme:
        candidates.append(sysconfig.get_path("scripts", scheme=user_scheme))
    candidates.append(os.path.join(os.path.dirname(sys.executable)))
    for folder in candidates:
        path = os.path.join(folder, name)
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    from shutil import which

    found = which(name)
    if found:
        return found
    raise FileNotFoundError(f"the accord executable is not installed beside {sys.executable}; reinstall accord-mcp")
