"""A large contract registry for scripts/benchmark registry: PROVIDERS x CONSUMERS pairs, each with
VERSIONS published contract versions (one commit per pair), written with `git fast-import` into a
bare repository. Provider 0 is `ledgerly` and its consumers' contracts are the demo's
billing-agent contract under other consumer names, so `accord verify --registry --provider
ledgerly --against snapshots/demo.json` has real work; the others are small synthetic contracts.
Also writes the newest version of each ledgerly contract into LOCAL_DIR, for the same
verification from local files.
    python3 scripts/bench/make_registry.py REPO.git LOCAL_DIR [PROVIDERS CONSUMERS VERSIONS]"""

import hashlib
import json
import os
import subprocess
import sys


def main():
    repo, local = sys.argv[1], sys.argv[2]
    providers, consumers, versions = (int(x) for x in (sys.argv[3:6] or ["200", "20", "10"]))
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    with open(os.path.join(root, "contracts", "billing-agent.yaml")) as f:
        demo = f.read()
    subprocess.run(["git", "init", "--quiet", "--bare", repo], check=True)
    os.makedirs(local, exist_ok=True)
    stream = subprocess.Popen(["git", "--git-dir", repo, "fast-import", "--quiet"], stdin=subprocess.PIPE)
    out = stream.stdin
    mark = 0

    def blob(data):
        nonlocal mark
        mark += 1
        out.write(b"blob\nmark :%d\ndata %d\n" % (mark, len(data)) + data + b"\n")
        return mark

    for p in range(providers):
        provider = "ledgerly" if p == 0 else f"provider-{p:03d}"
        for c in range(consumers):
            consumer = f"consumer-{c:02d}"
            files = []
            for v in range(1, versions + 1):
                version = f"{v}.0.0"
                if p == 0:
                    text = demo.replace("consumer: billing-agent", f"consumer: {consumer}") + f"# version {version}\n"
                else:
                    text = f"accord-contract: 1\nconsumer: {consumer}\nprovider: {provider}\ntools:\n  - name: tool_{v}\n"
                publication = {
                    "kind": "accord-publication", "formatVersion": 1, "provider": provider, "consumer": consumer,
                    "consumerVersion": version, "branches": ["main"],
                    "contentHash": "sha256:" + hashlib.sha256(text.encode()).hexdigest(),
                    "publishedAt": f"2026-01-{v:02d}T00:00:00Z", "pending": False,
                }
                files.append((f"versions/{version}/contract.yaml", blob(text.encode())))
                files.append((f"versions/{version}/publication.json", blob((json.dumps(publication, indent=2, sort_keys=True) + "\n").encode())))
                if p == 0 and v == versions:
                    with open(os.path.join(local, f"{consumer}.yaml"), "w") as f:
                        f.write(text)
            message = f"publish {consumer} for {provider}".encode()
            out.write(b"commit refs/heads/accord/contracts/%s/%s\n" % (provider.encode(), consumer.encode()))
            out.write(b"committer Accord <accord@localhost> 1767225600 +0000\ndata %d\n%s\n" % (len(message), message))
            for path, ref in files:
                out.write(b"M 100644 :%d %s\n" % (ref, path.encode()))
            out.write(b"\n")
    out.close()
    if stream.wait() != 0:
        sys.exit("git fast-import failed")


if __name__ == "__main__":
    main()
