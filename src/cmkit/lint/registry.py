"""Find the rule modules and describe them.

A rule is a module in `cmkit.lint.rules` with `CODE`, `SEVERITY`, `NAME`, a
docstring (the first line says what it checks; the rest says why, citing the
framework, with a passing and a failing example) and `check(playbook)`, a
generator of `Flag`s. `STOPS_LOADING = True` marks the few whose finding makes
the playbook mean nothing, so that no other command loads it (spec: only
E001-E003, E101-E104, an unknown placeholder, a malformed `hours`); every other
finding, errors included, is lint's to report. The load rules (E001-E003) are found by the loader
itself and have `check = None`: they are listed here so that every code has
one place that documents it.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from types import ModuleType

from cmkit.lint import rules as _rules_package
from cmkit.lint.finding import SEVERITIES, Flag, Severity


@dataclass(frozen=True)
class Rule:
    """A rule as the engine and the documentation see it."""

    code: str
    severity: Severity
    name: str
    summary: str
    reason: str
    check: Callable[..., Iterator[Flag]] | None
    stops_loading: bool = False
    #: the whole docstring: the id of its translations (msgctxt "rule CODE" in the catalogues)
    doc: str = ""

    @classmethod
    def from_module(cls, module: ModuleType) -> Rule:
        doc = (module.__doc__ or "").strip()
        summary, _, reason = doc.partition("\n")
        return cls(
            code=module.CODE,
            severity=module.SEVERITY,
            name=module.NAME,
            summary=summary.strip(),
            reason=reason.strip(),
            check=getattr(module, "check", None),
            stops_loading=getattr(module, "STOPS_LOADING", False),
            doc=doc,
        )


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule: errors, then warnings, then info, each by code."""
    found = []
    for info in pkgutil.iter_modules(_rules_package.__path__):
        module = importlib.import_module(f"{_rules_package.__name__}.{info.name}")
        if hasattr(module, "CODE"):
            found.append(Rule.from_module(module))
    return tuple(sorted(found, key=lambda r: (SEVERITIES.index(r.severity), r.code)))


def rule(code: str) -> Rule:
    """The rule with this code; KeyError if there is none."""
    for candidate in all_rules():
        if candidate.code == code:
            return candidate
    raise KeyError(code)


def _matching(spec: str, option: str) -> set[str]:
    """The codes a comma-separated list of codes and prefixes (`E1,W205`) names."""
    from cmkit.errors import UsageError

    codes = [r.code for r in all_rules()]
    chosen: set[str] = set()
    for part in filter(None, (p.strip().upper() for p in spec.split(","))):
        matched = {code for code in codes if code.startswith(part)}
        if not matched:
            from cmkit.i18n import current

            _ = current()
            raise UsageError(
                _("{option}: {part} is no rule code or prefix; the codes are {codes} (see `cmkit lint --list-rules`)").format(
                    option=option, part=repr(part), codes=", ".join(codes)
                )
            )
        chosen |= matched
    return chosen


def select_rules(select: str | None = None, ignore: str | None = None) -> tuple[Rule, ...]:
    """The rules that `--select` keeps and `--ignore` does not drop (ruff's prefixes: `W2`, `E`)."""
    selected = _matching(select, "--select") if select else {r.code for r in all_rules()}
    ignored = _matching(ignore, "--ignore") if ignore else set()
    return tuple(r for r in all_rules() if r.code in selected - ignored)
