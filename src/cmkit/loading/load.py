"""Load playbooks, scenarios and case files: YAML -> plain data -> pydantic model.

Two entry points per need: `validate_document` returns every located problem
(lint reports them all); `load_model` raises the first one as a LoadError
(every other command stops on it with exit code 2). Loading a playbook that
commands can trust also runs the lint rules that stop loading: that step is
`cmkit.trusted.load_playbook`, one level above both loading and lint.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from cmkit.errors import LoadError
from cmkit.i18n import current, language, reading
from cmkit.loading.locate import Problem, locate_errors
from cmkit.loading.yamlnodes import Document, decode_utf8, load_document, parse_yaml
from cmkit.model.playbook import Playbook

M = TypeVar("M", bound=BaseModel)


class InvalidDocument(Exception):
    """A document that parsed as YAML but does not fit its model; holds every problem."""

    def __init__(self, problems: list[Problem], lang: str | None = None) -> None:
        super().__init__(problems[0].message)
        self.problems = problems
        self.lang = lang  # the language the problems are written in


def validate_document(document: Document, model: type[M]) -> M:
    """Validate parsed data against `model`.

    Raise LoadError (E001) when the file is not a mapping at all, and
    InvalidDocument with every located problem when it does not fit the model.
    """
    if not isinstance(document.data, dict):
        _ = current()
        kinds = {list: _("a list"), str: _("a text"), int: _("a number"), float: _("a number"), bool: _("true or false")}
        what = _("empty") if document.data is None else kinds.get(type(document.data), _("a value"))
        raise LoadError(
            _("the file is {what}, not a mapping of keys like `cmkit: 1`").format(what=what),
            file=document.source.file,
            line=1,
            column=1,
            code="E001",
        )
    organization = document.data.get("organization")
    declared = organization.get("language") if isinstance(organization, dict) else None
    with reading(declared):  # its problems in its own language
        try:
            result = model.model_validate(document.data)
        except ValidationError as exc:
            problems = locate_errors(exc, model, document.data, document.source)
            raise InvalidDocument(problems, language(None, None)) from None
    if isinstance(result, Playbook):
        result._source = document.source
    return result


def _as_load_error(problem: Problem, file: str, code: str = "E003", lang: str | None = None) -> LoadError:
    return LoadError(
        problem.message,
        file=file,
        line=problem.position.line,
        column=problem.position.column,
        code=code,
        lang=lang,
    )


def beside(file: Path | str, named: str) -> Path:
    """`named` read from `file`'s folder, as a scenario or case file names its playbook."""
    return Path(os.path.normpath(Path(file).parent / named))


def load_model(path: Path | str, model: type[M], *, kind: str, content: bytes | None = None) -> tuple[M, Document]:
    """Load a YAML file into `model`, raising the first problem as a LoadError.

    With `content`, those bytes are the file's (already read once, e.g. by the
    cache, so that what is compiled is exactly what was hashed).
    """
    if content is None:
        document = load_document(path, kind=kind)
    else:
        document = parse_yaml(decode_utf8(content, str(path)), str(path))
    try:
        return validate_document(document, model), document
    except InvalidDocument as exc:
        raise _as_load_error(exc.problems[0], str(path), lang=exc.lang) from None
