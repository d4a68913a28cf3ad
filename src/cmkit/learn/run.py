"""The runs behind `cmkit eval`, `cmkit test HISTORY` and `cmkit suggest`: read, decide, measure.

Kept apart from the CLI so that the three commands share one way of reading a
history and one way of deciding it (triage's: see cmkit.learn.history).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cmkit.errors import UsageError
from cmkit.learn.evaluate import Evaluation, evaluate, expected_action, expected_topic
from cmkit.learn.history import History, Reading, decided_records, read_history

if TYPE_CHECKING:
    from cmkit.learn.suggest import Row, Suggestions
    from cmkit.model.playbook import Playbook

#: Extensions read as a labelled history rather than a case file by `cmkit test`.
HISTORY_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson", ".xlsx", ".json")


def _labelled(history: History, path: Path, lang: str | None) -> None:
    if not history.labelled:
        from cmkit.i18n import catalogue, language

        _ = catalogue(language(lang))
        raise UsageError(
            _("{path}: no row names an `expect_action` or an `expect_topic`, so there is nothing to measure; "
              "add one of these columns").format(path=path)
        )


def run_eval(playbook: Playbook, path: Path, reading: Reading = Reading(), lang: str | None = None) -> Evaluation:
    """The figures of the history at `path` decided by `playbook`."""
    from cmkit.decide.engine import Decider

    history = read_history(path, reading, lang or playbook.organization.language)
    _labelled(history, path, lang or playbook.organization.language)
    return evaluate(decided_records(Decider(playbook), history, lang=lang), history.topic_column)


def rows_of(playbook: Playbook, history: History, rows: Sequence | None = None) -> list[Row]:
    """The labelled rows as `suggest` works on them, decided by `playbook`."""
    from cmkit.decide.engine import Decider
    from cmkit.learn.suggest import Row

    out = []
    for output in decided_records(Decider(playbook), history, rows):
        out.append(
            Row(
                line=output["line"],
                text=str(output.get("text") or ""),
                expect_topic=expected_topic(output, history.topic_column),
                expect_action=expected_action(output),
                decided_topic=output.get("topic"),
                decided_action=output.get("action"),
                matched=tuple(output.get("topics") or ()),
                failed=output.get("error") is not None,
                fired=frozenset(
                    (reason["topic"], written) for reason in output.get("reasons") or () for written in reason["matched"]
                ),
            )
        )
    return out


def run_suggest(playbook: Playbook, path: Path, reading: Reading = Reading(), lang: str | None = None) -> Suggestions:
    """Keywords to add and remove, learned from the history at `path`."""
    from cmkit.learn.suggest import suggest

    history = read_history(path, reading, lang or playbook.organization.language)
    _labelled(history, path, lang or playbook.organization.language)

    def decide(amended: Playbook, indices: Sequence[int] | None) -> list[Row]:
        chosen = None if indices is None else [history.rows[i] for i in indices]
        return rows_of(amended, history, chosen)

    return suggest(playbook, rows_of(playbook, history), decide)
