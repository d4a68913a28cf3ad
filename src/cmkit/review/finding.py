"""What a review rule reports: a span of the draft, what is wrong there and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Hit:
    """What a rule's `check` yields: the span (code points, end excluded), the sentence, a hint."""

    start: int
    end: int
    message: str
    hint: str | None = None


@dataclass(frozen=True)
class ReviewFinding:
    """A located problem in a draft: the unit both output formats print (cli.md: `{code, severity,
    message, start, end, match}`; `hint` and `rule` only in text)."""

    code: str
    severity: Severity
    message: str
    start: int
    end: int
    match: str
    hint: str | None = None
    rule: str = ""

    def to_dict(self) -> dict[str, object]:
        """The JSON shape the spec fixes, in its order."""
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "match": self.match,
        }
