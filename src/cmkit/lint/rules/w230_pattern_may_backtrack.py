r"""A pattern repeats a part that itself repeats, and can take forever on some messages.

`(a+)+$`, `(\w+\s?)+$`, `(.*,)*x`: when the text almost matches, the regular
expression engine tries every way of splitting the letters between the two
quantifiers, and there are 2^n of them. Forty letters take longer than a
day. cmkit gives each search a time budget and counts a search that runs out
as no match, so the message is decided as if the topic had not matched: the
charter's « périmètre » silently changes for exactly the messages the
pattern was written for. One quantifier is enough (`a+`, `[\w\s]+`).

FAIL::

    topics:
      - {id: plainte, label: Plainte, action: escalate, escalate_to: juriste, patterns: ['(\w+\s?)+avocat']}
PASS::

    topics:
      - {id: plainte, label: Plainte, action: escalate, escalate_to: juriste, patterns: ['\bavocat']}
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from cmkit.i18n import catalogue, language
from cmkit.lint.finding import Flag
from cmkit.model.playbook import Playbook

CODE = "W230"
SEVERITY = "warning"
NAME = "pattern-may-backtrack"

try:  # the parser `re` compiles with (a private module, stable across 3.11-3.14)
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - Python before 3.11
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT}


def _varies(low: int, high: Any) -> bool:
    """A quantifier that matches more than one length (`+`, `*`, `{2,5}`; not `{6}`, not `?`...)."""
    return high != low and (high is _c.MAXREPEAT or high > 1)


def _has_varying_repeat(items: Any) -> bool:
    """Whether a parsed sub-pattern holds a quantifier that matches several lengths."""
    for op, value in items:
        if op in _REPEATS:
            low, high, inner = value
            if _varies(low, high) or _has_varying_repeat(inner):
                return True
        elif op == _c.SUBPATTERN:
            if _has_varying_repeat(value[-1]):
                return True
        elif op == _c.BRANCH:
            if any(_has_varying_repeat(branch) for branch in value[1]):
                return True
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            if _has_varying_repeat(value[1]):
                return True
    return False


def nested_quantifier(pattern: str) -> bool:
    """Whether `pattern` repeats (several times) a part that itself matches several lengths."""
    try:
        parsed = _p.parse(pattern, re.IGNORECASE)
    except (re.error, RecursionError, OverflowError):
        return False  # E003 says why the pattern is wrong
    return _walk(list(parsed))


def _walk(items: list) -> bool:
    for op, value in items:
        if op in _REPEATS:
            low, high, inner = value
            if (high is _c.MAXREPEAT or high > 1) and _has_varying_repeat(inner):
                return True
            if _walk(list(inner)):
                return True
        elif op == _c.SUBPATTERN and _walk(list(value[-1])):
            return True
        elif op == _c.BRANCH and any(_walk(list(branch)) for branch in value[1]):
            return True
        elif op in (_c.ASSERT, _c.ASSERT_NOT) and _walk(list(value[1])):
            return True
        elif op == _c.GROUPREF_EXISTS and any(_walk(list(b)) for b in value[1:] if b is not None):
            return True
    return False


def check(playbook: Playbook) -> Iterator[Flag]:
    _ = catalogue(language(None, playbook.organization.language))
    for i, topic in enumerate(playbook.topics):
        for k, pattern in enumerate(topic.patterns):
            if nested_quantifier(pattern):
                yield Flag(
                    ("topics", i, "patterns", k),
                    _("the pattern {pattern} repeats a part that itself repeats: on some messages it would "
                      "run for hours, so cmkit gives up and counts it as not matching").format(pattern=repr(pattern)),
                    _("keep one quantifier: `(a+)+` is `a+`, `(\\w+\\s?)+` is `[\\w\\s]+`"),
                )
