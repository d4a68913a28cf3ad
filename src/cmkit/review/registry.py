"""Find the review rules and describe them, as `lint.registry` does for lint rules.

A review rule is a module in `cmkit.review.rules` with `CODE`, `SEVERITY`,
`NAME`, a docstring (what it checks, then why, citing the framework, with a
failing and a passing draft) and `check(draft)`, a generator of `Hit`s.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from cmkit.review import rules as _rules_package
from cmkit.review.finding import Hit, Severity

_ORDER = ("error", "warning", "info")


@dataclass(frozen=True)
class ReviewRule:
    """A rule as the engine and the documentation see it."""

    code: str
    severity: Severity
    name: str
    summary: str
    reason: str
    check: Callable[..., Iterator[Hit]]


@cache
def all_rules() -> tuple[ReviewRule, ...]:
    """Every review rule, by code."""
    found = []
    for info in pkgutil.iter_modules(_rules_package.__path__):
        module = importlib.import_module(f"{_rules_package.__name__}.{info.name}")
        if hasattr(module, "CODE"):
            doc = (module.__doc__ or "").strip()
            summary, _, reason = doc.partition("\n")
            found.append(ReviewRule(module.CODE, module.SEVERITY, module.NAME, summary.strip(), reason.strip(), module.check))
    return tuple(sorted(found, key=lambda r: r.code))
