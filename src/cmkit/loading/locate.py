"""Turn pydantic's validation errors into sentences that say where and how to fix.

pydantic reports a location such as ('topics', 2, 'escalte_to') and a terse
message; a consultant needs `playbook.yaml:41:5: unknown key 'escalte_to' in
topics[2]; did you mean 'escalate_to'?`. The source map gives the line and
column; the model classes give the keys that would have been right.
"""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from cmkit.loading.yamlnodes import PathKey, Position, SourceMap, format_path

_TYPE_NAMES = {
    "string_type": "a text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of keys to values",
    "model_type": "a mapping of keys to values",
    "model_attributes_type": "a mapping of keys to values",
    "float_type": "a number",
    "datetime_type": "a date and time",
    "datetime_parsing": "a date and time like 2026-03-02T09:00",
    "datetime_from_date_parsing": "a date and time like 2026-03-02T09:00",
}


@dataclass(frozen=True)
class Problem:
    """One validation problem, located."""

    path: PathKey
    position: Position
    message: str


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, str):
        return f"the text {value!r}" if len(value) < 60 else "a long text"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _unwrap(annotation: Any) -> list[Any]:
    """The model classes an annotation may hold (through Optional, list, dict, Annotated)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list, tuple, dict):
        found: list[Any] = []
        for arg in typing.get_args(annotation):
            found.extend(_unwrap(arg))
        return found
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return []


def model_at(root: type[BaseModel], path: PathKey) -> type[BaseModel] | None:
    """The model class that describes the mapping at `path`, if one does."""
    current: type[BaseModel] | None = root
    for part in path:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        if field is None:
            # dict[str, Model] values: the key is data, the model stays
            return current if not current.model_fields else None
        candidates = _unwrap(field.annotation)
        current = candidates[0] if candidates else None
    return current


def _clean_loc(loc: tuple[Any, ...], data: Any, missing: bool) -> PathKey:
    """The data path in a pydantic location, without its union and validator tags ('function-after[...]').

    Each step is checked against the data itself, so that a key written with a
    `[` (a typo) is kept and a tag is never taken for a key; the last step of a
    `missing` error is the absent key.
    """
    path: list[str | int] = []
    current = data
    for i, part in enumerate(loc):
        if isinstance(current, dict) and part in current:
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
        elif not (missing and i == len(loc) - 1):
            continue
        path.append(part)
    return tuple(path)


def explain(error: dict[str, Any], root: type[BaseModel], data: Any) -> tuple[PathKey, str]:
    """The path and the sentence for one pydantic error."""
    kind = error["type"]
    path = _clean_loc(error["loc"], data, kind == "missing")
    where = format_path(path[:-1]) or "the top level"
    if kind == "missing":
        return path, f"{where} is missing the required key {path[-1]!r}"
    if kind == "extra_forbidden":
        key = str(path[-1])
        model = model_at(root, path[:-1])
        allowed = list(model.model_fields) if model else []
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else (
            f"; allowed keys: {', '.join(allowed)}" if allowed else ""
        )
        return path, f"unknown key {key!r} in {where}{hint}"
    field = format_path(path) or "the file"
    got = _describe(error.get("input"))
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        if " or " in expected:
            return path, f"{field} is {got}, but must be one of {expected}"
        unquote = "; write it without quotes" if error.get("input") == expected else ""
        return path, f"{field} is {got}, but must be {expected}{unquote}"
    if kind in {"too_short", "too_long"}:
        return path, f"{field}: {error['msg'].lower()}"
    if kind == "value_error":
        return path, f"{field}: {str(error['ctx']['error'])}"
    if kind == "string_too_short":
        return path, f"{field} is empty; write something or remove the key"
    if kind in _TYPE_NAMES:
        return path, f"{field} should be {_TYPE_NAMES[kind]}, not {got}"
    return path, f"{field}: {error['msg']}"


def locate_errors(
    exc: ValidationError, root: type[BaseModel], data: Any, source: SourceMap
) -> list[Problem]:
    """Every validation error as a located problem, in file order."""
    problems = []
    for error in exc.errors(include_url=False):
        path, message = explain(error, root, data)
        if error["type"] == "extra_forbidden":
            position = source.key_at(path)
        elif error["type"] == "missing":
            position = source.value_at(path[:-1])
        else:
            position = source.value_at(path)
        problems.append(Problem(path, position, message))
    problems.sort(key=lambda p: (p.position.line, p.position.column))
    return problems
