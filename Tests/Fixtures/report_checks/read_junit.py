"""Read a JUnit XML file with junitparser: read_junit.py FILE.

Parses strictly with the standard library first (well-formed XML 1.0), then with junitparser,
and prints the suites, cases and results as JSON. Fails when the counts the file declares differ
from those junitparser computes.
"""
import json
import sys
import xml.etree.ElementTree as ElementTree

from junitparser import Failure, JUnitXml, TestSuite


def main() -> int:
    path = sys.argv[1]
    ElementTree.parse(path)  # raises on anything that is not well-formed
    xml = JUnitXml.fromfile(path)
    suites = [xml] if isinstance(xml, TestSuite) else list(xml)
    report = {"name": xml.name, "tests": xml.tests, "failures": xml.failures, "suites": []}
    problems = []
    for suite in suites:
        declared = (suite.tests, suite.failures, suite.errors, suite.skipped)
        cases = []
        for case in suite:
            cases.append({
                "classname": case.classname,
                "name": case.name,
                "failures": [
                    {"type": result.type, "message": result.message, "text": result.text}
                    for result in case.result if isinstance(result, Failure)
                ],
                "systemOut": case.system_out,
            })
        suite.update_statistics()
        computed = (suite.tests, suite.failures, suite.errors, suite.skipped)
        if declared != computed:
            problems.append(f"suite {suite.name}: declares tests/failures/errors/skipped {declared}, has {computed}")
        properties = {prop.name: prop.value for prop in suite.properties()}
        report["suites"].append({"name": suite.name, "tests": suite.tests, "failures": suite.failures,
                                 "properties": properties, "cases": cases})
    for problem in problems:
        print(problem)
    if problems:
        return 1
    print(json.dumps(report, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
