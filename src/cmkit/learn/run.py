"""The runs behind `cmkit eval`, `cmkit test HISTORY` and `cmkit suggest`: load, decide, measure.

Kept apart from the CLI so that the three commands share one way of reading a
history and one way of deciding it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cmkit.errors import UsageError
from cmkit.learn.evaluate import Evaluation, evaluate, expected_action, expected_topic
from cmkit.learn.history import Record, decided_records, read_history

if TYPE_CHECKING:
    from cmkit.learn.suggest import Row, Suggestions
    from cmkit.model.playbook import Playbook

#: Extensions read as a labelled history rather than a case file by `cmkit test`.
HISTORY_SUFFIXES = (".csv", ".jsonl", ".ndjson", ".xlsx", ".json")


def _topic_column(records: Sequence[Record]) -> bool:
    """Whether the history labels topics at all (then a row without one expects none)."""
    return any(isinstance(record, dict) and "expect_topic" in record for _, record in records)


def _labelled(records: Sequence[Record], path: Path) -> None:
    for _, record in records:
        if isinstance(record, dict) and ("expect_action" in record or "expect_topic" in record):
            return
    raise UsageError(
        f"{path}: no row names an `expect_action` or an `expect_topic`, so there is nothing to measure; "
        "add one of these columns"
    )


def run_eval(playbook: Playbook, history: Path) -> Evaluation:
    """The figures of `history` decided by `playbook`."""
    from cmkit.decide.engine import Decider

    records = read_history(history)
    _labelled(records, history)
    return evaluate(decided_records(Decider(playbook), records), _topic_column(records))


def rows_of(playbook: Playbook, records: Sequence[Record], column: bool) -> list[Row]:
    """The labelled rows as `suggest` works on them, decided by `playbook`; `column`: the
    history has an `expect_topic` column."""
    from cmkit.decide.engine import Decider
    from cmkit.learn.suggest import Row

    rows = []
    for output in decided_records(Decider(playbook), records):
        rows.append(
            Row(
                line=output["line"],
                text=str(output.get("text") or ""),
                expect_topic=expected_topic(output, column),
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
    return rows


def run_suggest(playbook: Playbook, history: Path) -> Suggestions:
    """Keywords to add and remove, learned from `history`."""
    from cmkit.learn.suggest import suggest

    records = read_history(history)
    _labelled(records, history)
    kept = [(line, record) for line, record in records if isinstance(record, dict) and record.get("text")]
    column = _topic_column(records)

    def decide(amended: Playbook, indices: Sequence[int] | None) -> list[Row]:
        chosen = kept if indices is None else [kept[i] for i in indices]
        return rows_of(amended, chosen, column)

    return suggest(playbook, rows_of(playbook, kept, column), decide)
