"""Times what a user of the accord-mcp wheel waits for (scripts/benchmark package):
`pip install` of the local wheel into a fresh venv (venv creation not counted), and the
installed binary's `accord --version`, start to exit.
    python3 scripts/bench/package_times.py dist/accord_mcp-*.whl
Prints two lines: `install SECONDS` (best of 3) and `version MILLISECONDS` (best of 50)."""

import os
import subprocess
import sys
import tempfile
import time


def main():
    wheel = sys.argv[1]
    installs = []
    with tempfile.TemporaryDirectory() as work:
        for attempt in range(3):
            venv = os.path.join(work, f"venv{attempt}")
            subprocess.run([sys.executable, "-m", "venv", venv], check=True)
            start = time.perf_counter()
            subprocess.run([os.path.join(venv, "bin", "python"), "-m", "pip", "install", "--quiet",
                            "--disable-pip-version-check", "--no-index", wheel], check=True)
            installs.append(time.perf_counter() - start)
        accord = os.path.join(work, "venv0", "bin", "accord")
        versions = []
        for _ in range(50):
            start = time.perf_counter()
            subprocess.run([accord, "--version"], check=True, stdout=subprocess.DEVNULL)
            versions.append(time.perf_counter() - start)
    print(f"install {min(installs):.3f}")
    print(f"version {min(versions) * 1000:.2f}")


if __name__ == "__main__":
    main()
