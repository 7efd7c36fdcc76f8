"""`python -m accord_mcp …` and `pipx run accord-mcp …`: run the installed accord executable."""

import os
import sys

from accord_mcp import find_accord_bin


def main():
    accord = find_accord_bin()
    # exec: the executable replaces this process, so signals, exit codes and stdio (an MCP
    # channel under `accord mock`/`record`) are the executable's own.
    os.execv(accord, [accord, *sys.argv[1:]])


if __name__ == "__main__":
    main()
