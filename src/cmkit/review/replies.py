"""The placeholders of model replies (`reply`, `holding_statement`): find them, fill them.

Spec (playbook.md, revision 1.1): `{signature}`, `{referent}`, `{deadline}`
and `{author}`; any other `{...}` is a lint error; braces are written `{{`
and `}}`. Lint reviews each model reply filled with sample values, so that
a reply is judged as the public would read it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

#: The placeholders a model reply may use.
KNOWN = ("signature", "referent", "deadline", "author")
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


def placeholders(text: str) -> Iterator[tuple[str, int, int]]:
    """(name, start, end) of every `{name}` in `text`, the escapes `{{` and `}}` skipped."""
    for match in _TOKEN.finditer(text):
        if match.group(1) is not None:
            yield match.group(1), match.start(), match.end()


def unknown(text: str) -> list[tuple[str, int, int]]:
    """The placeholders that are not one of KNOWN."""
    return [(name, start, end) for name, start, end in placeholders(text) if name.strip() not in KNOWN]


def fill(text: str, values: Mapping[str, str]) -> str:
    """`text` with each known placeholder replaced and `{{`/`}}` unescaped; unknown ones are left as written."""

    def replace(match: re.Match[str]) -> str:
        token = match.group()
        if token in ("{{", "}}"):
            return token[0]
        name = match.group(1).strip()
        return values.get(name, token)

    return _TOKEN.sub(replace, text)
