"""What `cmkit init` leaves for the consultant to fill in, found in a playbook.

A scaffold must not be delivered as if it were finished: lint warns on each
placeholder (so `lint --strict` fails on a scaffold) and `render` marks every
page « BROUILLON » / "DRAFT" while any is left. One definition serves both.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cmkit.model.playbook import Playbook

#: The organisation names `init` writes when it is given none.
PLACEHOLDER_NAMES = frozenset({"votre organisation", "your organisation", "your organization"})
#: Domains reserved for examples (RFC 2606): an address there reaches nobody.
_EXAMPLE_ADDRESS = re.compile(r"@(?:[a-z0-9-]+\.)*example\.(?:org|com|net)\b", re.IGNORECASE)
_TODO = re.compile(r"\b(?:TODO|TBD|FIXME|À COMPLÉTER|A COMPLETER)\b")


@dataclass(frozen=True)
class Placeholder:
    """One value left from the scaffold: where it is (a model path) and why it is one."""

    path: tuple[str | int, ...]
    value: str
    why: str  # "name", "example-address" or "todo"


def placeholders(playbook: Playbook) -> Iterator[Placeholder]:
    """Every placeholder left in the playbook, in file order of its sections."""
    if playbook.organization.name.strip().casefold() in PLACEHOLDER_NAMES:
        yield Placeholder(("organization", "name"), playbook.organization.name, "name")
    yield from _walk(playbook.model_dump(mode="json", exclude_none=True), ())


def _walk(value: Any, path: tuple[str | int, ...]) -> Iterator[Placeholder]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, (*path, index))
    elif isinstance(value, str):
        if _EXAMPLE_ADDRESS.search(value):
            yield Placeholder(path, value, "example-address")
        elif _TODO.search(value):
            yield Placeholder(path, value, "todo")


def is_draft(playbook: Playbook) -> bool:
    """Whether anything is left to fill in: rendered documents then carry the draft mark."""
    return next(placeholders(playbook), None) is not None
