"""`@record`: an immutable record class written like a dataclass, at a namedtuple's cost.

`cmkit check` is started once per message, so what its modules do at import
is its speed. `dataclasses` imports `inspect` (and with it `ast`, `dis`,
`tokenize`) and generates several methods per class; `typing.NamedTuple`
compiles every field's annotation when they are strings (which `from
__future__ import annotations` makes them). This decorator reads the class's
annotations as written (never evaluating them) and its defaults, and returns
a `collections.namedtuple` subclass with the class's methods and docstring:
fields by position or name, immutable, compared and hashed as tuples,
`_replace` for a modified copy.
"""

from __future__ import annotations

from collections import namedtuple
from typing import Any

_NOT_COPIED = frozenset({"__annotations__", "__dict__", "__weakref__", "__module__", "__qualname__"})


def record(cls: type) -> Any:
    """The namedtuple version of `cls` (fields: its annotations, in order; defaults: the
    values assigned to the last of them)."""
    fields = list(cls.__dict__.get("__annotations__", {}))
    defaults = [cls.__dict__[name] for name in fields if name in cls.__dict__]
    base = namedtuple(cls.__name__, fields, defaults=defaults, module=cls.__module__)
    body = {k: v for k, v in cls.__dict__.items() if k not in _NOT_COPIED and k not in fields}
    body["__slots__"] = ()
    made = type(cls.__name__, (base,), body)
    made.__qualname__ = cls.__qualname__
    made.__module__ = cls.__module__
    return made
