#!/usr/bin/env python3
"""Reference verdicts for Accord's JSON Schema validator (SchemaCrossCheckTests).

Reads JSON lines {"schema": ..., "instance": ...} from stdin and prints one line per case,
"true" or "false", using Python's jsonschema (4.26.0, installed by scripts/test). Validation is
Draft 2020-12 unless the schema's "$schema" names an older draft, in which case that draft's
validator is used, so the legacy keywords are cross-checked too. Formats are not asserted. A case
whose schema jsonschema cannot handle prints "error: <reason>" so the Swift side can show it.
"""
import json
import sys

import jsonschema
from jsonschema.validators import validator_for


def main() -> None:
    out = sys.stdout
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        case = json.loads(line)
        schema = case["schema"]
        try:
            cls = validator_for(schema, default=jsonschema.Draft202012Validator)
            verdict = cls(schema).is_valid(case["instance"])
            out.write("true\n" if verdict else "false\n")
        except Exception as error:  # noqa: BLE001 - reported per case, never fatal
            out.write("error: " + type(error).__name__ + ": " + str(error).replace("\n", " ") + "\n")
    out.flush()


if __name__ == "__main__":
    main()
