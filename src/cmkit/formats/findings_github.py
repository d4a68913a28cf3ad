"""Lint findings as GitHub Actions workflow commands, so they show on the pull request's lines.

`::error file=F,line=L,col=C,title=CODE::message`; warnings become
`::warning` and info `::notice`. Values are escaped as the runner expects
(`%`, CR and LF everywhere; `:` and `,` in properties too).
"""

from __future__ import annotations

from cmkit.i18n import Catalogue, catalogue
from cmkit.lint.engine import LintReport
from cmkit.lint.finding import Finding

_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _line(finding: Finding, _: Catalogue) -> str:
    properties = ",".join(
        f"{name}={_escape_property(str(value))}"
        for name, value in (
            ("file", finding.file),
            ("line", finding.line),
            ("col", finding.column),
            ("title", f"{finding.code} {finding.rule}".strip()),
        )
    )
    message = finding.message + (" " + _("(hint: {hint})").format(hint=finding.hint) if finding.hint else "")
    return f"::{_COMMANDS[finding.severity]} {properties}::{_escape_data(message)}"


def render(report: LintReport, lang: str = "en") -> str:
    """One workflow command per finding, one per line; the message (and its hint) in `lang`."""
    _ = catalogue(lang)
    return "\n".join(_line(finding, _) for finding in report.findings)
