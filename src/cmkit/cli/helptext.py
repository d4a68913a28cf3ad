"""How typer shows values: `FILE`, `TEXT`, `N`, `[text|json]` in `--help`, and plain
sentences for a bad value, never Python's type names or pydantic's wording.

Errors: typer 0.2x checks option values with pydantic and prints its first
message as is: "Value error, 'martian' is not one of ...", "Input should be a
valid integer, unable to parse string as an integer". `plain_errors` gives
typer the sentence cmkit would write instead (our own ValueError's text
without the prefix; whole numbers and bounds in words).

Typer 0.2x writes a value's Python type beside each option and argument
(`PLAYBOOK <list[Path]>`, `TEXT <str>`, `--followers <int range>`) and braces
a required argument in the usage line (`{FILE}`): noise for a community
manager, who reads `FILE` and `[text|json]`. This is fixed once, here, for
every command, by giving typer's parameter classes the display click always
had; with a typer that lacks these methods (before 0.2x) nothing is changed.
"""

from __future__ import annotations

from typing import Any

_NAMES = {"int": "N", "float": "NUMBER", "str": "TEXT", "datetime": "WHEN"}


def _display_type(self: Any, ctx: Any) -> str:
    from typer import core

    if isinstance(self, core.TyperArgument):
        return ""  # an argument's own name (FILE, TEXT, PLAYBOOK...) says what it is
    desc = self.type_descriptor
    if desc.is_choice:
        return "[" + _original(self, ctx).strip("<>") + "]"
    if desc.is_path:
        return "FOLDER" if "templates" in (self.name or "") else "FILE"
    if desc.is_ranged:
        return "N"
    return _NAMES.get(self.bare_type(), "VALUE")


def _usage_display_name(self: Any) -> str:
    name = self.display_name_raw
    if not self.required:
        name = f"[{name}]"
    return name + ("..." if self.nargs != 1 else "")


_ORIGINAL: dict[str, Any] = {}


def _original(self: Any, ctx: Any) -> str:
    return _ORIGINAL["display_type"](self, ctx)


def plain_metavars() -> None:
    """Make every command's help name values the way click does (idempotent)."""
    from typer import core

    parameter = getattr(core, "_TyperParameter", None)
    if parameter is None or not hasattr(parameter, "display_type") or "display_type" in _ORIGINAL:
        return
    _ORIGINAL["display_type"] = parameter.display_type
    parameter.display_type = _display_type
    if hasattr(core.TyperArgument, "_usage_display_name"):
        core.TyperArgument._usage_display_name = _usage_display_name


def _error_message(exc: Any) -> str:
    """The first problem of a pydantic ValidationError about one option value, as a plain sentence."""
    from cmkit.formats.safe_text import printable

    errors = exc.errors(include_url=False)
    if not errors:
        return printable(str(exc))
    error = errors[0]
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    got = error.get("input")
    if kind == "value_error" and "error" in ctx:
        text = str(ctx["error"])
    elif kind in ("int_parsing", "int_type", "int_from_float"):
        text = f"{got!r} is not a whole number"
    elif kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        word, key = {"greater_than_equal": ("at least", "ge"), "greater_than": ("more than", "gt"),
                     "less_than_equal": ("at most", "le"), "less_than": ("less than", "lt")}[kind]
        text = f"{got!r} is out of range: it must be {word} {ctx.get(key)}"
    else:
        text = str(error.get("msg", exc))
        text = text.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    return printable(text)


def plain_errors() -> None:
    """Make typer's bad-value errors plain sentences (idempotent; nothing to do before typer 0.2x)."""
    try:
        from typer import _coercion
    except ImportError:
        return
    if hasattr(_coercion, "get_error_msg"):
        _coercion.get_error_msg = _error_message
