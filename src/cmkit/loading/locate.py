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
    "finite_number": "a whole number",
    "datetime_type": "a date and time",
    "datetime_parsing": "a date and time like 2026-03-02T09:00",
    "datetime_from_date_parsing": "a date and time like 2026-03-02T09:00",
}


#: Validation problems listed per file; past it, one more says how many are left.
MAX_PROBLEMS = 200


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


#: pydantic's number bounds, as words.
_BOUNDS = {
    "greater_than_equal": ("at least", "ge"),
    "greater_than": ("more than", "gt"),
    "less_than_equal": ("at most", "le"),
    "less_than": ("less than", "lt"),
}


def explain(error: dict[str, Any], root: type[BaseModel], path: PathKey) -> str:
    """The sentence for one pydantic error at `path`."""
    kind = error["type"]
    where = format_path(path[:-1]) or "the top level"
    if kind == "missing":
        return f"{where} is missing the required key {path[-1]!r}"
    if kind == "extra_forbidden":
        key = str(path[-1])
        model = model_at(root, path[:-1])
        allowed = list(model.model_fields) if model else []
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else (
            f"; allowed keys: {', '.join(allowed)}" if allowed else ""
        )
        return f"unknown key {key!r} in {where}{hint}"
    field = format_path(path) or "the file"
    got = _describe(error.get("input"))
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        if " or " in expected:
            return f"{field} is {got}, but must be one of {expected}"
        unquote = "; write it without quotes" if error.get("input") == expected else ""
        return f"{field} is {got}, but must be {expected}{unquote}"
    if kind == "too_short":
        least = error["ctx"]["min_length"]
        return f"{field} has {error['ctx']['actual_length']} entries, but needs at least {least}"
    if kind == "too_long":
        return f"{field} has more than {error['ctx']['max_length']} entries"
    if kind == "value_error":
        return f"{field}: {str(error['ctx']['error'])}"
    if kind == "string_too_short":
        return f"{field} is empty; write something or remove the key"
    if kind in _BOUNDS:
        word, key = _BOUNDS[kind]
        return f"{field} is {got}, but must be {word} {error['ctx'][key]}"
    if kind in _TYPE_NAMES:
        return f"{field} should be {_TYPE_NAMES[kind]}, not {got}"
    return f"{field}: {error['msg']}"


def locate_errors(
    exc: ValidationError, root: type[BaseModel], data: Any, source: SourceMap, limit: int = MAX_PROBLEMS
) -> list[Problem]:
    """The validation errors as located problems, in file order: the first `limit`, then one saying how many more.

    A file of thousands of wrong keys gets a readable list in a moment, not
    thousands of "did you mean" lookups.
    """
    placed = []
    for error in exc.errors(include_url=False):
        path = _clean_loc(error["loc"], data, error["type"] == "missing")
        if error["type"] == "extra_forbidden":
            position = source.key_at(path)
        elif error["type"] == "missing":
            position = source.value_at(path[:-1])
        else:
            position = source.value_at(path)
        placed.append((position.line, position.column, path, position, error))
    placed.sort(key=lambda item: item[:2])
    problems = [Problem(path, position, explain(error, root, path)) for *_, path, position, error in placed[:limit]]
    if len(placed) > limit:
        _, _, path, position, _ = placed[limit]
        more = f"{len(placed) - limit:,} more problems from here on are not listed; fix the ones above first"
        problems.append(Problem(path, position, more))
    return problems
