"""Check a SARIF log: check_sarif.py SCHEMA LOG.

1. Valid against the official SARIF 2.1.0 JSON schema.
2. Acceptable to GitHub code scanning upload (the rules of sarif-sdk's GitHub validation set):
   every result has a location whose physicalLocation names a relative or file: URI and a
   region.startLine; ruleIndex points at the rule with the result's ruleId; partialFingerprints
   are present; rules have short and full descriptions.
3. Loadable by sarif-tools.
"""
import json
import sys
import urllib.parse

import jsonschema
from sarif import loader


def github_problems(log: dict) -> list[str]:
    problems = []
    if log.get("version") != "2.1.0":
        problems.append("version must be 2.1.0")
    for run_index, run in enumerate(log.get("runs") or []):
        driver = run["tool"]["driver"]
        rules = driver.get("rules", [])
        for rule_index, rule in enumerate(rules):
            for key in ("shortDescription", "fullDescription"):
                if not rule.get(key, {}).get("text"):
                    problems.append(f"runs/{run_index}/tool/driver/rules/{rule_index}: missing {key}.text")
        if "results" not in run:
            problems.append(f"runs/{run_index}: results must be present")
        for result_index, result in enumerate(run.get("results", [])):
            where = f"runs/{run_index}/results/{result_index}"
            index = result.get("ruleIndex")
            if index is None or not 0 <= index < len(rules) or rules[index]["id"] != result.get("ruleId"):
                problems.append(f"{where}: ruleIndex {index} does not point at rule {result.get('ruleId')}")
            if not result.get("partialFingerprints"):
                problems.append(f"{where}: no partialFingerprints")
            locations = result.get("locations") or []
            if not locations:
                problems.append(f"{where}: no locations (GitHub shows no alert without one)")
            for location_index, location in enumerate(locations):
                physical = location.get("physicalLocation") or {}
                uri = (physical.get("artifactLocation") or {}).get("uri")
                if not uri:
                    problems.append(f"{where}/locations/{location_index}: no physicalLocation.artifactLocation.uri")
                else:
                    parsed = urllib.parse.urlparse(uri)
                    if parsed.scheme not in ("", "file"):
                        problems.append(f"{where}/locations/{location_index}: uri {uri!r} is neither relative nor file:")
                if not (physical.get("region") or {}).get("startLine"):
                    problems.append(f"{where}/locations/{location_index}: no region.startLine")
    return problems


def main() -> int:
    schema_path, log_path = sys.argv[1], sys.argv[2]
    with open(schema_path, encoding="utf-8") as handle:
        schema = json.load(handle)
    with open(log_path, encoding="utf-8") as handle:
        log = json.load(handle)
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    problems = [
        "/" + "/".join(str(part) for part in error.absolute_path) + ": " + error.message
        for error in sorted(validator.iter_errors(log), key=lambda error: list(error.absolute_path))
    ]
    problems += github_problems(log)
    sarif_file = loader.load_sarif_file(log_path)
    counts: dict[str, int] = {}
    for record in sarif_file.get_records():
        counts[record["Severity"]] = counts.get(record["Severity"], 0) + 1
    for problem in problems:
        print(problem)
    if problems:
        return 1
    print(json.dumps({"results": sarif_file.get_result_count(), "bySeverity": counts}, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
