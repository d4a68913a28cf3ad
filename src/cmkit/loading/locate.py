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

from cmkit.i18n import current
from cmkit.i18n.numbers import number
from cmkit.loading.yamlnodes import PathKey, Position, SourceMap, format_path

def _type_names() -> dict[str, str]:
    """What pydantic expected, by its error type, in the run's language."""
    _ = current()
    mapping, whole, yes_no = _("a mapping of keys to values"), _("a whole number"), _("true or false")
    moment = _("a date and time like 2026-03-02T09:00")
    return {
        "string_type": _("a text"),
        "int_type": whole,
        "int_parsing": whole,
        "int_from_float": whole,
        "bool_type": yes_no,
        "bool_parsing": yes_no,
        "list_type": _("a list"),
        "dict_type": mapping,
        "model_type": mapping,
        "model_attributes_type": mapping,
        "float_type": _("a number"),
        "finite_number": whole,
        "datetime_type": _("a date and time"),
        "datetime_parsing": moment,
        "datetime_from_date_parsing": moment,
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
    _ = current()
    if value is None:
        return _("nothing")
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, str):
        return _("the text {value}").format(value=repr(value)) if len(value) < 60 else _("a long text")
    if isinstance(value, (int, float)):
        return _("the number {value}").format(value=value)
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a mapping")
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


#: pydantic's number bounds: the ctx key that holds the bound.
_BOUNDS = {"greater_than_equal": "ge", "greater_than": "gt", "less_than_equal": "le", "less_than": "lt"}


def explain(error: dict[str, Any], root: type[BaseModel], path: PathKey) -> str:
    """The sentence for one pydantic error at `path`, in the run's language."""
    _ = current()
    kind = error["type"]
    where = format_path(path[:-1]) or _("the top level")
    if kind == "missing":
        return _("{where} is missing the required key {key}").format(where=where, key=repr(path[-1]))
    if kind == "extra_forbidden":
        key = str(path[-1])
        model = model_at(root, path[:-1])
        allowed = list(model.model_fields) if model else []
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        if close:
            return _("unknown key {key} in {where}; did you mean {close}?").format(
                key=repr(key), where=where, close=repr(close[0])
            )
        if allowed:
            return _("unknown key {key} in {where}; allowed keys: {allowed}").format(
                key=repr(key), where=where, allowed=", ".join(allowed)
            )
        return _("unknown key {key} in {where}").format(key=repr(key), where=where)
    field = format_path(path) or _("the file")
    got = _describe(error.get("input"))
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        if " or " in expected:
            expected = expected.replace(" or ", " " + _("or") + " ")
            return _("{field} is {got}, but must be one of {expected}").format(field=field, got=got, expected=expected)
        if error.get("input") == expected:
            return _("{field} is {got}, but must be {expected}; write it without quotes").format(
                field=field, got=got, expected=expected
            )
        return _("{field} is {got}, but must be {expected}").format(field=field, got=got, expected=expected)
    if kind == "too_short":
        return _("{field} has {count} entries, but needs at least {least}").format(
            field=field, count=error["ctx"]["actual_length"], least=error["ctx"]["min_length"]
        )
    if kind == "too_long":
        return _("{field} has more than {most} entries").format(field=field, most=error["ctx"]["max_length"])
    if kind == "value_error":
        return f"{field}: {str(error['ctx']['error'])}"
    if kind == "string_too_short":
        return _("{field} is empty; write something or remove the key").format(field=field)
    if kind in _BOUNDS:
        bound = error["ctx"][_BOUNDS[kind]]
        sentences = {
            "greater_than_equal": _("{field} is {got}, but must be at least {bound}"),
            "greater_than": _("{field} is {got}, but must be more than {bound}"),
            "less_than_equal": _("{field} is {got}, but must be at most {bound}"),
            "less_than": _("{field} is {got}, but must be less than {bound}"),
        }
        return sentences[kind].format(field=field, got=got, bound=bound)
    names = _type_names()
    if kind in names:
        return _("{field} should be {expected}, not {got}").format(field=field, expected=names[kind], got=got)
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
        _ = current()
        more = _("{count} more problems from here on are not listed; fix the ones above first").format(
            count=number(len(placed) - limit, _.lang)
        )
        problems.append(Problem(path, position, more))
    return problems
