"""Writes two synthetic Accord snapshots of N tools with nested schemas, the second a mutated
release of the first (about 1 tool in 10 changed, a few removed and added), for benchmarks.

    python3 make_snapshots.py N OLD.json NEW.json [--seed S]
"""

import json
import random
import sys


def schema(rng: random.Random, depth: int) -> dict:
    properties = {}
    for index in range(rng.randint(3, 7)):
        kind = rng.choice(["string", "integer", "number", "boolean", "object", "array", "enum"])
        name = f"field_{index}"
        if kind == "object" and depth < 3:
            properties[name] = schema(rng, depth + 1)
        elif kind == "array" and depth < 3:
            properties[name] = {"type": "array", "items": schema(rng, depth + 1), "maxItems": rng.randint(5, 50)}
        elif kind == "enum":
            properties[name] = {"type": "string", "enum": [f"v{n}" for n in range(rng.randint(2, 6))]}
        elif kind == "string":
            properties[name] = {"type": "string", "maxLength": rng.randint(10, 500), "description": f"text {index}"}
        elif kind in ("integer", "number"):
            properties[name] = {"type": kind, "minimum": 0, "maximum": rng.randint(10, 10_000)}
        else:
            properties[name] = {"type": "boolean", "default": False}
    required = sorted(rng.sample(sorted(properties), k=min(2, len(properties))))
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}


def tool(rng: random.Random, index: int) -> dict:
    return {
        "name": f"tool_{index:05d}",
        "title": f"Tool {index}",
        "description": f"Does thing number {index}.",
        "inputSchema": schema(rng, 0),
        "outputSchema": schema(rng, 0),
        "annotations": {"readOnlyHint": index % 2 == 0, "openWorldHint": False},
    }


def mutate(rng: random.Random, definition: dict) -> dict:
    changed = json.loads(json.dumps(definition))
    target = changed[rng.choice(["inputSchema", "outputSchema"])]
    name = rng.choice(sorted(target["properties"]))
    choice = rng.randint(0, 4)
    if choice == 0:
        target["required"] = sorted(set(target["required"]) | {name})
    elif choice == 1:
        del target["properties"][name]
        target["required"] = [item for item in target["required"] if item != name]
    elif choice == 2:
        target["properties"][f"{name}_new"] = {"type": "string"}
    elif choice == 3:
        target["properties"][name] = {"type": ["string", "null"]}
    else:
        changed["description"] += " Now better."
    return changed


def snapshot(tools: list, version: str) -> dict:
    return {
        "formatVersion": 1, "era": "handshake", "protocolVersion": "2025-11-25",
        "serverInfo": {"name": "synthetic", "version": version},
        "capabilities": {"tools": {"listChanged": True}},
        "tools": sorted(tools, key=lambda t: t["name"]), "resources": [], "resourceTemplates": [], "prompts": [],
    }


def main() -> None:
    count, old_path, new_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 7
    rng = random.Random(seed)
    old_tools = [tool(rng, index) for index in range(count)]
    new_tools = []
    for definition in old_tools:
        roll = rng.random()
        if roll < 0.01:
            continue
        new_tools.append(mutate(rng, definition) if roll < 0.1 else definition)
    new_tools += [tool(rng, count + index) for index in range(max(1, count // 100))]
    for path, tools, version in ((old_path, old_tools, "1.0.0"), (new_path, new_tools, "2.0.0")):
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(snapshot(tools, version), handle, indent=2, sort_keys=True)
            handle.write("\n")


if __name__ == "__main__":
    main()
