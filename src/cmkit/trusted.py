"""Load a playbook that every command can trust: valid, and meaning something.

This sits one level above loading and lint (lint reads files through the
loader; the loader knows nothing of lint). A playbook is refused here only
for findings that make it mean nothing, the rules marked `STOPS_LOADING`
(spec, "Loading and lint": E001-E003, unknown and duplicate ids, an
escalation without referent, a backup loop, an unknown placeholder, a
malformed `hours`). Every other finding is reported by `cmkit lint` and does
not stop `check`, `render` or any other command.
"""

from __future__ import annotations

from pathlib import Path

from cmkit.errors import LoadError
from cmkit.lint.engine import lint_playbook
from cmkit.lint.registry import all_rules
from cmkit.loading.load import load_model
from cmkit.model.playbook import Playbook


def load_playbook(path: Path | str, *, content: bytes | None = None) -> Playbook:
    """The playbook at `path` (or made of `content`, its bytes already read), or LoadError."""
    playbook, _ = load_model(path, Playbook, kind="playbook", content=content)
    stopping = lint_playbook(playbook, [r for r in all_rules() if r.stops_loading])
    if stopping:
        from cmkit.i18n import catalogue, language

        first = stopping[0]
        lang = language(None, playbook.organization.language)  # the rules spoke the playbook's language
        _ = catalogue(lang)
        raise LoadError(
            _("{message} ({code}; run `cmkit lint` for every problem)").format(message=first.message, code=first.code),
            file=first.file,
            line=first.line,
            column=first.column,
            code=first.code,
            lang=lang,
        )
    return playbook
