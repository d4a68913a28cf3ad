"""Text from a playbook, a message or a scenario, made safe to print on a terminal.

A contact name or a guidance holding `ESC [2J` (clear the screen), `ESC ]0;…BEL`
(retitle the window) or a bidi override (U+202E, "Trojan Source") would act
on the reader's terminal instead of being read. Every text output escapes
such characters into something visible (`\\x1b`, `\\u202e`) so the reader sees
that they are there, and nothing happens to their terminal. Tab and newline
stay as they are.

This module imports nothing heavy: `cmkit check` uses it without rich.
"""

from __future__ import annotations

from typing import Any, TypeVar

T = TypeVar("T")

#: C0 controls but tab and newline, DEL, C1 controls, the bidi embeddings, overrides and isolates,
#: and the line and paragraph separators (a terminal may break a line there).
_UNSAFE = [c for c in range(0x20) if c not in (0x09, 0x0A)] + list(range(0x7F, 0xA0)) + [
    *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x2028, 0x2029,
]
_TABLE = {c: (f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}") for c in _UNSAFE}


def printable(text: str) -> str:
    """`text` with every character that would act on a terminal written out as an escape."""
    return text.translate(_TABLE)


def printable_fields(value: T) -> T:
    """A copy of `value` (a record, dataclass, tuple, list, dict or text) with every text in it made `printable`.

    For formatters that build their lines from a result object (the decision
    of `cmkit check`): one call on the way in covers every field they show.
    """
    return _clean(value)


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a record (cmkit.decide.record)
        return type(value)(*(_clean(v) for v in value))
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(_clean(v) for v in value)
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if hasattr(type(value), "__dataclass_fields__") and not isinstance(value, type):
        import dataclasses  # only for a dataclass: `check`'s records are namedtuples, and
        # dataclasses imports inspect (9 ms of check's start)

        changes = {f.name: _clean(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changes)
    return value
