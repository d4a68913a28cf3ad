"""Lint findings as SARIF 2.1.0, the format GitHub code scanning and other tools ingest.

Each rule of the run is described once (its summary as `shortDescription`,
its whole docstring as `help`), and each result points at it by id and index.
Columns count characters (Unicode code points), as every cmkit output does.
A finding an inline exception silenced is a result too, with SARIF's
`suppressions` (`kind: inSource` and the exception's reason as
`justification`), so code scanning shows it as dismissed, not as gone.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePath
from urllib.parse import quote

from cmkit import __version__
from cmkit.i18n import Catalogue, catalogue
from cmkit.lint.engine import LintReport
from cmkit.lint.finding import Finding
from cmkit.lint.registry import Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _uri(file: str) -> str:
    """A relative path stays relative (code scanning resolves it against the repository), percent-encoded."""
    path = PurePath(file)
    return Path(file).resolve().as_uri() if path.is_absolute() else quote(path.as_posix())


def _rule(rule: Rule) -> dict[str, object]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.summary},
        "help": {"text": f"{rule.summary}\n\n{rule.reason}".strip()},
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
    }


def _result(finding: Finding, index: dict[str, int], _: Catalogue) -> dict[str, object]:
    message = finding.message + (" " + _("(hint: {hint})").format(hint=finding.hint) if finding.hint else "")
    result: dict[str, object] = {
        "ruleId": finding.code,
        "ruleIndex": index[finding.code],
        "level": _LEVELS[finding.severity],
        "message": {"text": message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(finding.file)},
                    "region": {"startLine": finding.line, "startColumn": finding.column},
                },
                "logicalLocations": [{"fullyQualifiedName": finding.path}] if finding.path else [],
            }
        ],
    }
    if finding.suppression is not None:
        suppression: dict[str, str] = {"kind": "inSource", "status": "accepted"}
        if finding.suppression:
            suppression["justification"] = finding.suppression
        result["suppressions"] = [suppression]
    return result


def render(report: LintReport, rules: tuple[Rule, ...], lang: str = "en") -> str:
    """One SARIF log with one run: the rules that were applied and every finding (each message
    in its playbook's language, the hint's label in `lang`)."""
    _ = catalogue(lang)
    index = {rule.code: i for i, rule in enumerate(rules)}
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "cmkit",
                        "version": __version__,
                        "rules": [_rule(rule) for rule in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [
                    _result(f, index, _) for result in report.files for f in result.findings + result.suppressed
                ],
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)
