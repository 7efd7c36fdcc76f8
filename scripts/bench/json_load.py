"""Reads JSON files with Python's json.load, the reading floor the diff benchmark compares with:
prints the wall seconds of loading all of them (best of N) and the peak resident MiB.

    python3 json_load.py [--runs N] FILE...
"""

import json
import resource
import sys
import time


def main() -> None:
    arguments = sys.argv[1:]
    runs = 1
    if arguments[:1] == ["--runs"]:
        runs, arguments = int(arguments[1]), arguments[2:]
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        documents = []
        for path in arguments:
            with open(path, "rb") as handle:
                documents.append(json.load(handle))
        best = min(best, time.perf_counter() - start)
        del documents
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"{best:.4f} {peak}")


if __name__ == "__main__":
    main()
