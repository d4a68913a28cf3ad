"""Lint findings for a reader: grouped by file, each with its source line, a caret and a hint.

`file:line:col CODE message` starts each finding so that editors and
terminals make it clickable; the source line and a caret under the column
show what is meant without opening the file. Colour repeats the severity,
which the code's first letter already says (E, W, I), so nothing is lost
without it (NO_COLOR, a pipe).
"""

from __future__ import annotations

from dataclasses import replace

from rich.console import Group, RenderableType
from rich.text import Text

from cmkit.i18n import catalogue
from cmkit.i18n.numbers import number
from cmkit.lint.engine import FileResult, LintReport
from cmkit.lint.finding import Finding

_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}
#: Source lines longer than this are shown as a window around the column.
_WIDTH = 100


def _excerpt(line: str, column: int) -> tuple[str, int]:
    """The part of a long source line around `column`, and the column within it.

    Control characters (a NEL, a lone CR) would move the terminal's cursor, so
    each shows as one `�`, keeping the caret under the right character.
    """
    line = "".join(ch if ch.isprintable() or ch == "\t" else "\ufffd" for ch in line)
    if len(line) <= _WIDTH:
        return line, column
    start = max(0, min(column - 1 - _WIDTH // 2, len(line) - _WIDTH))
    shown = line[start : start + _WIDTH]
    prefix = "…" if start else ""
    suffix = "…" if start + _WIDTH < len(line) else ""
    return prefix + shown + suffix, column - start + len(prefix)


def _finding(finding: Finding, lines: list[str], lang: str = "en") -> list[Text]:
    head = Text()
    head.append(f"{finding.file}:{finding.line}:{finding.column}", style="bold")
    head.append(" ")
    head.append(finding.code, style=_STYLES[finding.severity])
    head.append(f" {finding.message}")
    out = [head]
    if 0 < finding.line <= len(lines):
        shown, column = _excerpt(lines[finding.line - 1], finding.column)
        gutter = f"{finding.line:>5} | "
        out.append(Text(gutter + shown, style="dim"))
        caret = "".join(ch if ch == "\t" else " " for ch in shown[: column - 1]) + "^"
        out.append(Text(" " * (len(gutter) - 2) + "| " + caret, style=_STYLES[finding.severity]))
    if finding.hint:
        out.append(Text("      = " + catalogue(lang)("hint: {hint}").format(hint=finding.hint), style="green"))
    return out


def _suppressed(finding: Finding, lines: list[str], lang: str) -> list[Text]:
    """A silenced finding as --show-suppressed lists it: dimmed, with the exception's reason."""
    _ = catalogue(lang)
    head, *rest = _finding(replace(finding, hint=None), lines, lang)
    reason = finding.suppression or _("(no reason given)")
    return [
        Text(head.plain, style="dim"), *rest,
        Text("      = " + _("silenced by an inline exception: {reason}").format(reason=reason), style="dim"),
    ]


def _file(result: FileResult, show_suppressed: bool, lang: str) -> list[Text]:
    out: list[Text] = []
    for finding in result.findings:
        out.extend(_finding(finding, result.lines, lang))
    if show_suppressed:
        for finding in result.suppressed:
            out.extend(_suppressed(finding, result.lines, lang))
    return out


def summary(report: LintReport, lang: str = "en") -> str:
    """`3 errors, 1 warning in 2 files`, or that nothing was found (fr: « 3 erreurs, 1 avertissement
    dans 2 fichiers »); and how many findings inline exceptions silenced, so a clean run still
    says what it was told to overlook."""
    _ = catalogue(lang)
    read = len(report.files) - len(report.unreadable)
    files = _.n("{count} file", "{count} files", read).format(count=number(read, lang))
    counts = {severity: report.count(severity) for severity in ("error", "warning", "info")}
    found = [
        _.n(singular, plural, counts[severity]).format(count=number(counts[severity], lang))
        for severity, singular, plural in (
            ("error", "{count} error", "{count} errors"),
            ("warning", "{count} warning", "{count} warnings"),
            ("info", "{count} info", "{count} infos"),
        )
        if counts[severity]
    ]
    if found:
        text = _("{findings} in {files}").format(findings=", ".join(found), files=files)
    elif read == 0 and report.unreadable:  # nothing was checked: "no problems" would say it was
        text = _("No file checked")
    else:
        text = _("No problems in {files}").format(files=files)
    if report.unreadable:
        unread = len(report.unreadable)
        text += _.n("; {count} file could not be read", "; {count} files could not be read", unread).format(
            count=number(unread, lang)
        )
    if not (report.unreadable or found):
        text += "."
    silenced = len(report.suppressed)
    if silenced:
        text = text.rstrip(".") + " (" + _.n(
            "{count} finding silenced by an inline exception",
            "{count} findings silenced by inline exceptions",
            silenced,
        ).format(count=number(silenced, lang)) + ")"
    return text


def lines(report: LintReport, show_suppressed: bool = False, lang: str = "en") -> list[Text]:
    """Every finding, file after file (and, with `show_suppressed`, those inline exceptions
    silenced), then the summary line: one styled Text per line."""
    out: list[Text] = []
    for result in report.files:
        found = _file(result, show_suppressed, lang)
        if found:
            out.extend(found)
            out.append(Text())
    out.append(Text(summary(report, lang), style="bold"))
    return out


def render(report: LintReport, show_suppressed: bool = False, lang: str = "en") -> RenderableType:
    """The report for a rich console, in `lang`."""
    return Group(*lines(report, show_suppressed, lang))
