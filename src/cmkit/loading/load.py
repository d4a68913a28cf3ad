"""Load playbooks, scenarios and case files: YAML -> plain data -> pydantic model.

Two entry points per need: `validate_document` returns every located problem
(lint reports them all); `load_playbook` and `load_model` raise the first one
as a LoadError (every other command stops on it with exit code 2).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from cmkit.errors import LoadError
from cmkit.loading.locate import Problem, locate_errors
from cmkit.loading.yamlnodes import Document, load_document
from cmkit.model.playbook import Playbook

M = TypeVar("M", bound=BaseModel)
_KINDS = {list: "list", str: "text", int: "number", float: "number", bool: "boolean"}


class InvalidDocument(Exception):
    """A document that parsed as YAML but does not fit its model; holds every problem."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].message)
        self.problems = problems


def validate_document(document: Document, model: type[M]) -> M:
    """Validate parsed data against `model`.

    Raise LoadError (E001) when the file is not a mapping at all, and
    InvalidDocument with every located problem when it does not fit the model.
    """
    if not isinstance(document.data, dict):
        what = "empty" if document.data is None else f"a {_KINDS.get(type(document.data), 'value')}"
        raise LoadError(
            f"the file is {what}, not a mapping of keys like `cmkit: 1`",
            file=document.source.file,
            line=1,
            column=1,
            code="E001",
        )
    try:
        result = model.model_validate(document.data)
    except ValidationError as exc:
        raise InvalidDocument(locate_errors(exc, model, document.data, document.source)) from None
    if isinstance(result, Playbook):
        result._source = document.source
    return result


def _as_load_error(problem: Problem, file: str, code: str = "E003") -> LoadError:
    return LoadError(
        problem.message,
        file=file,
        line=problem.position.line,
        column=problem.position.column,
        code=code,
    )


def beside(file: Path | str, named: str) -> Path:
    """`named` read from `file`'s folder, as a scenario or case file names its playbook."""
    return Path(os.path.normpath(Path(file).parent / named))


def load_model(path: Path | str, model: type[M], *, kind: str) -> tuple[M, Document]:
    """Load a YAML file into `model`, raising the first problem as a LoadError."""
    document = load_document(path, kind=kind)
    try:
        return validate_document(document, model), document
    except InvalidDocument as exc:
        raise _as_load_error(exc.problems[0], str(path)) from None


def load_playbook(path: Path | str) -> Playbook:
    """Load a playbook that every command can trust: valid, and its references sound.

    The lint rules of severity `error` (an id naming no contact, a backup loop...)
    run here too, so that `check` or `render` never work on a broken charter.
    """
    from cmkit.lint.engine import lint_playbook  # lint depends on loading, not the reverse
    from cmkit.lint.registry import all_rules

    playbook, _ = load_model(path, Playbook, kind="playbook")
    errors = lint_playbook(playbook, [r for r in all_rules() if r.severity == "error"])
    if errors:
        first = errors[0]
        raise LoadError(
            f"{first.message} ({first.code}; run `cmkit lint` for every problem)",
            file=first.file,
            line=first.line,
            column=first.column,
            code=first.code,
        )
    return playbook
