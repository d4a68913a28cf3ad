"""Lint findings as one JSON array (spec: cli.md, "Lint findings"), for scripts and CI."""

from __future__ import annotations

import json

from cmkit.lint.engine import LintReport


def render(report: LintReport) -> str:
    """One array of every file's findings, in the order the files were given."""
    return json.dumps([f.to_dict() for f in report.findings], ensure_ascii=False, indent=2)
