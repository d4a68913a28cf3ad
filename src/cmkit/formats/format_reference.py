"""The playbook format, for people: one table per section, generated from the model.

Every key, its kind of value, whether it is required, its default and its
description come from the pydantic classes in cmkit.model, the same ones that
validate a file, so docs/format.md cannot drift from what `cmkit` accepts
(tests/reliability/test_format_reference.py regenerates and compares).
"""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from cmkit.model.common import AuthorKind, Duration, Id, Text
from cmkit.model.playbook import Keyword, Pattern, Playbook

#: The model's own value types, by what a person calls them.
_NAMED: list[tuple[Any, str]] = [
    (Duration, "duration (`45m`, `2h`, `1d`, `1h30m`)"),
    (Id, "id (`a-z`, `0-9`, `_`, `-`)"),
    (Keyword, "keyword (`rembours*`: a prefix)"),
    (Pattern, "regular expression"),
    (AuthorKind, "author kind"),
    (Text, "text"),
]
_PLAIN = {str: "text", int: "whole number", float: "number", bool: "true or false"}


def _kind(annotation: Any, models: list[type[BaseModel]]) -> str:
    for named, words in _NAMED:
        if annotation == named:
            return words
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _kind(args[0], models)
    if origin is typing.Literal:
        return " or ".join(f"`{a}`" for a in args)
    if origin in (typing.Union, types.UnionType):
        kinds = [_kind(a, models) for a in args if a is not type(None)]
        return " or ".join(dict.fromkeys(kinds))
    if origin in (list, tuple, set, frozenset):
        return f"list of {_kind(args[0], models)}" if args else "list"
    if origin is dict:
        return f"mapping of {_kind(args[0], models)} to {_kind(args[1], models)}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation not in models:
            models.append(annotation)
        return f"[{_title(annotation)}](#{_anchor(annotation)})"
    if annotation in _PLAIN:
        return _PLAIN[annotation]
    return getattr(annotation, "__name__", str(annotation)).lower()


def _field_kind(field: Any, models: list[type[BaseModel]]) -> str:
    """A field's kind; pydantic moves a top-level Annotated's validators into `field.metadata`,
    so the model's own types (Id, Duration...) are recognised by their validators there."""
    own = {getattr(m, "func", None) for m in field.metadata} - {None}
    for named, words in _NAMED:
        funcs = {getattr(m, "func", None) for m in getattr(named, "__metadata__", ())} - {None}
        if own and funcs and own & funcs:
            return words
    return _kind(field.annotation, models)


def _title(model: type[BaseModel]) -> str:
    return model.__name__


def _anchor(model: type[BaseModel]) -> str:
    return model.__name__.lower()


def _default(field: Any) -> str:
    if field.is_required():
        return "**required**"
    if field.default_factory is not None:
        value = field.default_factory()
        if isinstance(value, BaseModel):
            return "see below"
        return f"`{value!r}`".replace("'", "") if value not in ([], {}) else "none"
    if field.default is None or field.default is PydanticUndefined:
        return "none"
    value = field.default
    return f"`{str(value).lower() if isinstance(value, bool) else value}`"


def _first_line(text: str | None) -> str:
    return (text or "").strip().split("\n")[0].strip()


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(root: type[BaseModel] = Playbook) -> str:
    """Every section of the format, from `root` down, as Markdown tables."""
    models: list[type[BaseModel]] = [root]
    out: list[str] = []
    index = 0
    while index < len(models):
        model = models[index]
        index += 1
        rows = []
        for name, field in model.model_fields.items():
            key = field.alias or name
            kind = _field_kind(field, models)
            rows.append(f"| `{key}` | {_cell(kind)} | {_default(field)} | {_cell(field.description or '')} |")
        out.append(f"### {_title(model)}\n")
        summary = _first_line(model.__doc__)
        if summary:
            out.append(f"{summary}\n")
        out.append("| key | value | default | what it says |\n| --- | --- | --- | --- |")
        out.append("\n".join(rows) + "\n")
    return "\n".join(out)
