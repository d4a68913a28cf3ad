"""Review findings as one JSON array (spec: cli.md, `cmkit review`), for editors and scripts."""

from __future__ import annotations

import json

from cmkit.review.finding import ReviewFinding


def render(findings: list[ReviewFinding]) -> str:
    """`[{code, severity, message, start, end, match}, …]`, in draft order."""
    return json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2)
