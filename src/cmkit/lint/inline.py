"""Inline exceptions: `# cmkit: disable=W202 — the lawyer is external, agreed 1 day`.

Every mature linter lets a reviewed deviation stay in the file, next to what it
excuses, with its reason (ruff's `# noqa: CODE`, yamllint's `# yamllint
disable-line`), instead of `--ignore W202` for the whole file or a false value
that silences the rule. The YAML loader drops comments, so they are read here
from the source lines:

- a comment at the end of a line applies to that line; a comment alone on its
  line applies to the next line that is neither blank nor a comment;
- it silences the findings of the codes it names whose value *or key* is on
  that line (so it can sit on `- id: juridique` for a finding about the whole
  entry, or on `respond_within: 1d` for one about the value);
- the reason follows the codes after `—`, `–`, `-`, `--` or `:`. An exception
  without a reason still silences its finding but is reported itself (W252);
  an exception that silences nothing, or names no rule, is reported too (W253),
  as ruff reports an unused `noqa`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from cmkit.lint.finding import Finding

#: `# cmkit: disable=W202,W205 — reason`; the `#` starts a line or follows a space, as YAML comments do.
_DIRECTIVE = re.compile(
    r"(?:^|(?<=\s))#\s*cmkit\s*:\s*disable\s*=\s*(?P<codes>[A-Za-z]+\d+(?:\s*,\s*[A-Za-z]+\d+)*)\b(?P<rest>.*)$"
)
_REASON_START = re.compile(r"^\s*(?:—|–|--|-|:)?\s*")
_NO_REASON_CODE, _UNUSED_CODE = "W252", "W253"


@dataclass(frozen=True)
class InlineException:
    """One `# cmkit: disable=…` comment: where it is, the line it covers, its codes and reason."""

    line: int
    column: int
    target: int | None  # the line it applies to; None when nothing follows a comment alone on its line
    codes: tuple[str, ...]
    reason: str


def _is_content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def read_exceptions(lines: list[str]) -> list[InlineException]:
    """Every inline exception in the source lines (1-based line numbers), in file order."""
    found = []
    for index, line in enumerate(lines):
        if "cmkit" not in line:  # most lines: no regular expression at all
            continue
        match = _DIRECTIVE.search(line)
        if match is None:
            continue
        if line[: match.start()].strip():
            target: int | None = index + 1
        else:
            target = next((j + 1 for j in range(index + 1, len(lines)) if _is_content(lines[j])), None)
        codes = tuple(dict.fromkeys(code.strip().upper() for code in match.group("codes").split(",")))
        reason = _REASON_START.sub("", match.group("rest"), count=1).strip()
        found.append(InlineException(index + 1, match.start() + 1, target, codes, reason))
    return found


def apply(
    findings: list[Finding], lines: list[str], file: str, selected: set[str], known: set[str], lang: str = "en"
) -> tuple[list[Finding], list[Finding]]:
    """(the findings still to report, with W252/W253 about the exceptions themselves;
    the findings an exception silenced, each carrying its reason in `suppression`).

    Only codes in `selected` are judged unused: an exception for a rule left out
    with `--ignore` or `--select` is not reported for silencing nothing.
    """
    from cmkit.i18n import catalogue
    from cmkit.lint.registry import rule

    _ = catalogue(lang)
    hints = {
        _NO_REASON_CODE: _("say why after the codes: `# cmkit: disable=W202 — the lawyer is external, agreed 1 day`"),
        _UNUSED_CODE: _("remove the exception, or move it onto the line of the finding it excuses"),
    }
    exceptions = read_exceptions(lines)
    if not exceptions:
        return findings, []
    used: set[tuple[int, str]] = set()
    active, suppressed = [], []
    for finding in findings:
        covering = next(
            (
                exception
                for exception in exceptions
                if finding.code in exception.codes
                and exception.target in finding.anchors
                and finding.code not in (_NO_REASON_CODE, _UNUSED_CODE)
            ),
            None,
        )
        if covering is None:
            active.append(finding)
        else:
            used.add((covering.line, finding.code))
            suppressed.append(replace(finding, suppression=covering.reason))
    for exception in exceptions:
        own = []
        if not exception.reason and _NO_REASON_CODE in selected:
            own.append((_NO_REASON_CODE, _("the exception to {codes} gives no reason").format(
                codes=", ".join(exception.codes))))
        for code in exception.codes:
            if (exception.line, code) in used or _UNUSED_CODE not in selected:
                continue
            if code not in known:
                own.append((_UNUSED_CODE, _("`disable={code}` names no rule (see `cmkit lint --list-rules`)").format(
                    code=code)))
            elif code in selected:
                own.append((_UNUSED_CODE, _("`disable={code}` silences nothing: no {code} finding on the line it covers")
                            .format(code=code)))
        for code, message in own:
            found_by = rule(code)
            active.append(
                Finding(
                    code=code, severity=found_by.severity, message=message, file=file,
                    line=exception.line, column=exception.column, path="", rule=found_by.name,
                    hint=hints[code], anchors=(exception.line,),
                )
            )
    active.sort(key=lambda f: (f.line, f.column, f.code))
    return active, suppressed
