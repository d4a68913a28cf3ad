"""`cmkit test --format json`: the results as one JSON object."""

from __future__ import annotations

import json

from cmkit.decide.cases import CaseResult


def results_json(results: list[CaseResult], cases_file: str, playbook: str) -> str:
    """{file, playbook, passed, failed, cases: [{name, line, text, passed, expected, got, decision}]}."""
    failed = sum(not r.passed for r in results)
    document = {
        "file": cases_file,
        "playbook": playbook,
        "passed": len(results) - failed,
        "failed": failed,
        "cases": [
            {
                "name": r.name,
                "line": r.line,
                "text": r.text,
                "passed": r.passed,
                "expected": r.expected,
                "got": r.got,
                "decision": r.decision.summary_json(),
            }
            for r in results
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)
