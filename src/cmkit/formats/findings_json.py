"""Lint findings as one JSON array (spec: cli.md, "Lint findings"), for scripts and CI."""

from __future__ import annotations

import json

from cmkit.lint.engine import LintReport


def render(report: LintReport, show_suppressed: bool = False) -> str:
    """One array of every file's findings, in the order the files were given; with
    `show_suppressed`, each file's silenced findings follow its own, carrying `suppression`."""
    findings = [
        finding
        for result in report.files
        for finding in (result.findings + result.suppressed if show_suppressed else result.findings)
    ]
    return json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2)
