"""Review findings for a reader: the draft's line, the offending words underlined, a hint.

Like `lint`'s text output: `line:column CODE message` heads each finding,
then the line of the draft with `^^^` under the words (under the end of the
draft for a missing signature), then the hint. Underlines are measured in
terminal cells, so an emoji or a wide character earlier on the line does
not shift them. Colour repeats the severity, so nothing is lost without it.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from cmkit.i18n import catalogue
from cmkit.review.finding import ReviewFinding

_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _printable(text: str) -> str:
    """Control characters would move the cursor: each shows as one `�`."""
    return "".join(ch if ch.isprintable() or ch == "\t" else "\ufffd" for ch in text)


def _position(text: str, offset: int) -> tuple[int, int, int]:
    """(1-based line, 1-based column, offset of that line's start) of a code-point offset."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1, line_start


def _window(line: str, start: int, end: int, width: int) -> tuple[str, int, int]:
    """The part of a long line that shows [start, end) with some context before it, at most
    `width` characters, with `…` where it is cut; and the span's offsets within it."""
    if len(line) <= width:
        return line, start, end
    first = max(0, min(start - width // 3, len(line) - width))
    last = min(len(line), first + width)
    prefix = "…" if first else ""
    suffix = "…" if last < len(line) else ""
    shift = len(prefix) - first
    return prefix + line[first:last] + suffix, start + shift, min(end, last) + shift


def _finding(finding: ReviewFinding, draft: str, lang: str, width: int) -> list[Text]:
    _ = catalogue(lang)
    line, column, line_start = _position(draft, finding.start)
    line_end = draft.find("\n", line_start)
    line_end = len(draft) if line_end == -1 else line_end
    head = Text()
    head.append(f"{line}:{column}", style="bold")
    head.append(" ")
    head.append(finding.code, style=_STYLES[finding.severity])
    head.append(f" {finding.message}")
    out = [head]
    gutter = f"{line:>5} | "
    source, start, end = _window(
        _printable(draft[line_start:line_end]),
        finding.start - line_start,
        min(finding.end, line_end) - line_start,
        max(20, width - len(gutter) - 2),
    )
    out.append(Text(gutter + source, style="dim"))
    pad = "".join("\t" if ch == "\t" else " " * cell_len(ch) for ch in source[:start])
    underline = "^" * max(1, cell_len(source[start:end]))
    out.append(Text(" " * (len(gutter) - 2) + "| " + pad + underline, style=_STYLES[finding.severity]))
    if finding.hint:
        out.append(Text("      = " + _("hint: {hint}").format(hint=finding.hint), style="green"))
    return out


def summary(findings: list[ReviewFinding], lang: str) -> str:
    """`1 error, 2 warnings: do not post it as it is.`, or that the draft may be posted."""
    _ = catalogue(lang)
    if not findings:
        return _("No problems: this reply follows the charter.")
    counts = {s: sum(1 for f in findings if f.severity == s) for s in _STYLES}
    parts = []
    if counts["error"]:
        parts.append(_.n("{count} error", "{count} errors", counts["error"]).format(count=counts["error"]))
    if counts["warning"]:
        parts.append(_.n("{count} warning", "{count} warnings", counts["warning"]).format(count=counts["warning"]))
    if counts["info"]:
        parts.append(_.n("{count} remark", "{count} remarks", counts["info"]).format(count=counts["info"]))
    verdict = _("do not post it as it is") if counts["error"] else _("read it again before posting")
    return _("{counts}: {verdict}.").format(counts=", ".join(parts), verdict=verdict)


def lines(findings: list[ReviewFinding], draft: str, lang: str, width: int = 100) -> list[Text]:
    """Every finding in draft order, then the summary: one styled Text per line, the draft's
    lines cut to `width` (the terminal's) around what they show."""
    out: list[Text] = []
    for finding in findings:
        out.extend(_finding(finding, draft, lang, width))
    if findings:
        out.append(Text())
    out.append(Text(summary(findings, lang), style="bold"))
    return out
