"""Validate a JSON document against a JSON Schema: validate_json.py SCHEMA DOCUMENT."""
import json
import sys

import jsonschema


def main() -> int:
    schema_path, document_path = sys.argv[1], sys.argv[2]
    with open(schema_path, encoding="utf-8") as handle:
        schema = json.load(handle)
    with open(document_path, encoding="utf-8") as handle:
        document = json.load(handle)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(document), key=lambda error: list(error.absolute_path))
    for error in errors:
        path = "/" + "/".join(str(part) for part in error.absolute_path)
        print(f"{path}: {error.message}")
    if errors:
        return 1
    print(f"valid against {schema.get('title', schema_path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
